package io.stylecast.engine;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A loss weight (alpha, beta, the TV weight, a style layer's or a style picture's weight): 0 to 1e15. The engine
 * computes in float32 (largest value 3.4e38); weights multiply losses and gradients, and past 1e15 they overflow it
 * on real pictures long before they mean anything.
 */
@DecimalMin("0")
@DecimalMax("1e15")
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface Weight {

    String message() default "must be between 0 and 1e15 (the engine computes in float32)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
