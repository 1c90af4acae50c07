package io.stylecast.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code Allow} header of a 405: the methods of every route whose path matches the request's,
 * read from the router itself so that it cannot disagree with it.
 */
final class AllowedMethods {

    private final Router router;

    AllowedMethods(Router router) {
        this.router = router;
    }

    String at(String path) {
        TreeSet<String> methods = new TreeSet<>();
        for (Route route : router.getRoutes()) {
            if (route.getPath() != null && route.methods() != null && !route.methods().isEmpty()
                    && pattern(route.getPath()).matcher(path).matches()) {
                route.methods().stream().map(HttpMethod::name).forEach(methods::add);
            }
        }
        return String.join(", ", methods);
    }

    /** {@code /api/sessions/:id} matches one segment for {@code :id}; a trailing {@code *} matches the rest. */
    private static Pattern pattern(String routePath) {
        StringBuilder regex = new StringBuilder();
        for (String part : routePath.split("(?=/)")) {
            if (part.startsWith("/:")) {
                regex.append("/[^/]+");
            } else if (part.endsWith("*")) {
                regex.append(Pattern.quote(part.substring(0, part.length() - 1))).append(".*");
            } else {
                regex.append(Pattern.quote(part));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
