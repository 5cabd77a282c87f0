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

/** A CEP: 8 digits ({@code null} is valid: combine with {@code @NotNull} where required). */
@Documented
@Constraint(validatedBy = Cep.Validador.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Cep {

    String message() default "CEP inválido: informe 8 dígitos";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the value with {@link Identificadores#cepValido}. */
    class Validador implements ConstraintValidator<Cep, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || Identificadores.cepValido(value);
        }
    }
}
