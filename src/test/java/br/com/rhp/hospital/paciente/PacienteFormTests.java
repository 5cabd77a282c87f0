package br.com.rhp.hospital.paciente;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The patient form's rules, on a fixed clock. */
class PacienteFormTests {

    /** 2 a.m. UTC on 1 March 2026 is still 28 February in Recife (UTC−3). */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T02:00:00Z"), ZoneOffset.UTC);

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.byDefaultProvider()
                .configure()
                .clockProvider(() -> CLOCK)
                .buildValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    private static PacienteForm comNascimento(LocalDate nascimento) {
        return new PacienteForm(
                "Ana Lima",
                null,
                "52998224725",
                null,
                false,
                null,
                nascimento,
                Sexo.F,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static Set<String> camposInvalidos(PacienteForm form) {
        return validator.validate(form).stream()
                .map(ConstraintViolation::getPropertyPath)
                .map(Object::toString)
                .collect(Collectors.toSet());
    }

    @ParameterizedTest
    @CsvSource({
        "2026-02-28, true", // today in Recife
        "2026-03-01, false", // today in UTC, tomorrow in Recife
        "1896-03-01, true", // almost 130 years
        "1895-03-01, true", // 130 years, a day short of 131
        "1895-02-28, false", // 131 years
        "1800-01-01, false"
    })
    void judgesBirthDateOnRecifeCalendar(LocalDate nascimento, boolean aceita) {
        assertThat(camposInvalidos(comNascimento(nascimento)).contains("dataNascimento"))
                .isEqualTo(!aceita);
    }

    @Test
    void storesIdentifiersAndContactsInOneForm() {
        PacienteForm form = new PacienteForm(
                "  João   da  Silva ",
                " ",
                "529.982.247-25",
                "1627 3849 5010 003",
                null,
                "",
                LocalDate.of(1990, 1, 1),
                Sexo.M,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "pe",
                "52010-010",
                "+55 (81) 99999-0000");
        assertThat(form.nome()).isEqualTo("João da Silva");
        assertThat(form.nomeSocial()).isNull();
        assertThat(form.cpf()).isEqualTo("52998224725");
        assertThat(form.cns()).isEqualTo("162738495010003");
        assertThat(form.naoIdentificado()).isFalse();
        assertThat(form.justificativa()).isNull();
        assertThat(form.uf()).isEqualTo("PE");
        assertThat(form.cep()).isEqualTo("52010010");
        assertThat(form.telefone()).isEqualTo("81999990000");
        assertThat(camposInvalidos(form)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"(81) 3416-1000", "81 99999 0000", "+55 81 98888-7777", "1133334444"})
    void acceptsBrazilianTelephones(String telefone) {
        assertThat(camposInvalidos(comTelefone(telefone))).doesNotContain("telefone");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"3416-1000", "(81) 1416-1000", "(01) 3416-1000", "81 89999 0000", "telefone", "+1 212 555 0100"})
    void rejectsTelephonesWithoutAreaCodeOrWithImpossibleNumbers(String telefone) {
        assertThat(camposInvalidos(comTelefone(telefone))).contains("telefone");
    }

    private static PacienteForm comTelefone(String telefone) {
        return new PacienteForm(
                "Ana Lima",
                null,
                "52998224725",
                null,
                false,
                null,
                LocalDate.of(1990, 1, 1),
                Sexo.F,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                telefone);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Maria", "Maria 2", "Ana_Lima", "José da Silva!"})
    void rejectsNamesThatAreNotAFullPersonName(String nome) {
        PacienteForm form = new PacienteForm(
                nome,
                null,
                "52998224725",
                null,
                false,
                null,
                LocalDate.of(1990, 1, 1),
                Sexo.F,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        assertThat(camposInvalidos(form)).containsExactly("nome");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Maria das Dores", "Ana-Lúcia D'Ávila", "Conceição Ñandú", "José Jr."})
    void acceptsNamesWithAccentsApostrophesAndHyphens(String nome) {
        PacienteForm form = new PacienteForm(
                nome,
                null,
                "52998224725",
                null,
                false,
                null,
                LocalDate.of(1990, 1, 1),
                Sexo.F,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        assertThat(camposInvalidos(form)).isEmpty();
    }
}
