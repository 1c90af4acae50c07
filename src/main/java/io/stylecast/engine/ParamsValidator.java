package io.stylecast.engine;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.AssertTrue;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Checks the constraints declared on {@link StyleParams} (Hibernate Validator) and words a violation as one
 * message: the parameter, what it accepts, and the value when it is a number ({@code "width must be between 16 and
 * 4096, got 5000"}); a rule between parameters gives its own sentence.
 */
public final class ParamsValidator {

    /** The process's one Bean Validation validator (settings are checked with it too): made once, it takes a while. */
    public static final Validator VALIDATOR = Validation.byProvider(HibernateValidator.class).configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    /** The parameters in the order they are declared: the first violation reported is the first of them. */
    private static final List<String> ORDER = Arrays.stream(StyleParams.class.getRecordComponents())
            .map(java.lang.reflect.RecordComponent::getName).toList();

    private ParamsValidator() {
    }

    /** @throws InputException worded from the first violation, if any */
    public static <T> T check(T bean) {
        report(VALIDATOR.validate(bean));
        return bean;
    }

    /** Checks one value against the constraints of {@link StyleParams}' parameter {@code name}. */
    public static void checkValue(String name, Object value) {
        report(VALIDATOR.validateValue(StyleParams.class, name, value));
    }

    private static <T> void report(Set<ConstraintViolation<T>> violations) {
        violations.stream().min(Comparator.comparingInt(ParamsValidator::rank).thenComparing(v -> v.getPropertyPath().toString()))
                .ifPresent(v -> {
                    throw new InputException(message(v));
                });
    }

    private static int rank(ConstraintViolation<?> v) {
        int at = ORDER.indexOf(v.getPropertyPath().iterator().next().getName());
        return at < 0 ? ORDER.size() : at;
    }

    private static String message(ConstraintViolation<?> v) {
        if (v.getConstraintDescriptor().getAnnotation() instanceof AssertTrue) {
            return v.getMessage();
        }
        Object value = v.getInvalidValue();
        String got = value instanceof Number || value instanceof Boolean ? ", got " + InputException.describe(value) : "";
        return name(v.getPropertyPath()) + " " + v.getMessage() + got;
    }

    /** {@code width}; {@code styleLayers weight of conv1_1}; the stages' widths are {@code scales}. */
    private static String name(Path path) {
        String name = "";
        String key = null;
        for (Path.Node node : path) {
            if (node.getKind() == jakarta.validation.ElementKind.PROPERTY) {
                name = node.getName().equals("widths") ? "scales" : node.getName();
            } else if (node.getKey() != null) {
                key = InputException.describe(String.valueOf(node.getKey()));
            }
        }
        return key == null ? name : name + " weight of " + key;
    }
}
