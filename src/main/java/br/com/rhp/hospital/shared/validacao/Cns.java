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

/** A CNS (Cartão Nacional de Saúde) valid by the Ministry of Health routine ({@code null} is valid: combine with {@code @NotNull} where required). */
@Documented
@Constraint(validatedBy = Cns.Validador.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Cns {

    String message() default "CNS inválido: informe 15 dígitos válidos do Cartão Nacional de Saúde";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the value with {@link Identificadores#cnsValido}. */
    class Validador implements ConstraintValidator<Cns, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || Identificadores.cnsValido(value);
        }
    }
}
