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

/** A CID-10 code: a letter and 2 or 3 digits, with or without the dot ({@code null} is valid: combine with {@code @NotNull} where required). */
@Documented
@Constraint(validatedBy = Cid10.Validador.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Cid10 {

    String message() default "CID-10 inválido: informe uma letra e 2 ou 3 dígitos (ex.: J18.9)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the value with {@link Identificadores#cid10Valido}. */
    class Validador implements ConstraintValidator<Cid10, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || Identificadores.cid10Valido(value);
        }
    }
}
