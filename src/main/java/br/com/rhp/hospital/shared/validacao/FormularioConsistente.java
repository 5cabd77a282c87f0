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
import java.util.List;

/**
 * Runs a form's own rules across its fields ({@link Regras#violacoes()}) as part of Bean Validation,
 * so they are reported with the other bad fields, each on the field it concerns.
 */
@Documented
@Constraint(validatedBy = FormularioConsistente.Validador.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface FormularioConsistente {

    String message() default "formulário inconsistente";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** A form with rules across fields. */
    interface Regras {

        /** The broken rules, each on a field named as the record component (camelCase). */
        List<Violacao> violacoes();
    }

    /** One broken rule: the field (record component name) and a Portuguese message without braces. */
    record Violacao(String campo, String mensagem) {}

    class Validador implements ConstraintValidator<FormularioConsistente, Regras> {
        @Override
        public boolean isValid(Regras form, ConstraintValidatorContext context) {
            if (form == null) {
                return true;
            }
            List<Violacao> violacoes = form.violacoes();
            if (violacoes.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            for (Violacao v : violacoes) {
                context.buildConstraintViolationWithTemplate(
                                v.mensagem().replace("{", "(").replace("}", ")"))
                        .addPropertyNode(v.campo())
                        .addConstraintViolation();
            }
            return false;
        }
    }
}
