package br.com.rhp.hospital.paciente;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;

/**
 * A birth date that is not in the future and gives an age of at most {@value #IDADE_MAXIMA} years,
 * both judged on the hospital's calendar (America/Recife) by the validator's clock ({@code null} is
 * valid).
 */
@Documented
@Constraint(validatedBy = DataDeNascimento.Validador.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface DataDeNascimento {

    int IDADE_MAXIMA = 130;

    String message() default "data de nascimento inválida";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validador implements ConstraintValidator<DataDeNascimento, LocalDate> {

        /** The hospital's time zone: a date typed at reception is a date in Recife. */
        private static final ZoneId RECIFE = ZoneId.of("America/Recife");

        @Override
        public boolean isValid(LocalDate nascimento, ConstraintValidatorContext context) {
            if (nascimento == null) {
                return true;
            }
            LocalDate hoje = LocalDate.now(context.getClockProvider().getClock().withZone(RECIFE));
            String erro = null;
            if (nascimento.isAfter(hoje)) {
                erro = "a data de nascimento não pode estar no futuro";
            } else if (Period.between(nascimento, hoje).getYears() > IDADE_MAXIMA) {
                erro = "a data de nascimento daria mais de " + IDADE_MAXIMA + " anos de idade";
            }
            if (erro == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(erro).addConstraintViolation();
            return false;
        }
    }
}
