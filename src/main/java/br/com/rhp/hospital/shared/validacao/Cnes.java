package br.com.rhp.hospital.shared.validacao;

import br.com.rhp.hospital.shared.Identificadores;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A CNES establishment code: 7 digits ({@code null} is valid: combine with {@code @NotNull} where required). */
@Documented
@Constraint(validatedBy = Cnes.Validador.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Cnes {

    String message() default "CNES inválido: informe 7 dígitos";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the value with {@link Identificadores#cnesValido}. */
    class Validador implements ConstraintValidator<Cnes, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || Identificadores.cnesValido(value);
        }
    }
}
