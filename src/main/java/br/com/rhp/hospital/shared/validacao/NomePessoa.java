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
import java.util.regex.Pattern;

/**
 * A person's name: at least two words of letters (accents allowed), apostrophes and hyphens, at most
 * 150 characters ({@code null} is valid).
 */
@Documented
@Constraint(validatedBy = NomePessoa.Validador.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface NomePessoa {

    String message() default
            "nome inválido: informe nome e sobrenome, só com letras, espaços, apóstrofos e hífens (até 150 caracteres)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validador implements ConstraintValidator<NomePessoa, String> {
        private static final Pattern PALAVRA = Pattern.compile("\\p{L}+(?:['’\\-]\\p{L}+)*\\.?");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String nome = value.strip();
            if (nome.isEmpty() || nome.length() > 150) {
                return false;
            }
            String[] palavras = nome.split("\\s+");
            if (palavras.length < 2) {
                return false;
            }
            for (String palavra : palavras) {
                if (!PALAVRA.matcher(palavra).matches()) {
                    return false;
                }
            }
            return true;
        }
    }
}
