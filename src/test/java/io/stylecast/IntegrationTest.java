package io.stylecast;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test of the second tier: it starts a server (in this JVM or as a process), a browser, a cluster, or measures a
 * process's memory, and takes seconds to minutes. {@code mvn test} leaves these out (the unit tier, well under a
 * minute); {@code mvn verify} runs them through Maven Failsafe, after the unit tier.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("integration")
public @interface IntegrationTest {
}
