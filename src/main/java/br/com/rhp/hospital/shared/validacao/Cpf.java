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

/** A CPF with valid check digits ({@code null} is valid: combine with {@code @NotNull} where required). */
@Documented
@Constraint(validatedBy = Cpf.Validador.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Cpf {

    String message() default "CPF inválido: informe 11 dígitos com dígitos verificadores corretos";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the value with {@link Identificadores#cpfValido}. */
    class Validador implements ConstraintValidator<Cpf, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || Identificadores.cpfValido(value);
        }
    }
}
