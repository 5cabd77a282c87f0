package br.com.rhp.hospital.shared.validacao;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Set;

/**
 * One of the 27 federative units of Brazil (26 states and the Distrito Federal), as its two upper-case
 * letters ({@code null} is valid: combine with {@code @NotNull} where required).
 */
@Documented
@Constraint(validatedBy = Uf.Validador.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Uf {

    String message() default "UF inválida: informe a sigla de um estado brasileiro ou DF (ex.: PE)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validador implements ConstraintValidator<Uf, String> {

        /** The federative units, by their IBGE abbreviations. */
        public static final Set<String> SIGLAS = Set.of(
                "AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA", "PB", "PR", "PE",
                "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || SIGLAS.contains(value);
        }
    }
}
