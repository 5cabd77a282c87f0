package br.com.rhp.hospital.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The identifier algorithms against the test values of DOMAIN.md. */
class IdentificadoresTests {

    @ParameterizedTest
    @ValueSource(strings = {"529.982.247-25", "52998224725", "123.456.789-09", "12345678909"})
    void acceptsValidCpfWithOrWithoutMask(String cpf) {
        assertThat(Identificadores.cpfValido(Identificadores.semMascara(cpf))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "529.982.247-24", // wrong second check digit
                "529.982.247-15", // wrong first check digit
                "111.111.111-11", // passes the arithmetic, but all digits equal
                "000.000.000-00",
                "999.999.999-99",
                "5299822472", // 10 digits
                "529982247250", // 12 digits
                "5299822472a"
            })
    void rejectsInvalidCpf(String cpf) {
        assertThat(Identificadores.cpfValido(Identificadores.semMascara(cpf))).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void answersFalseForMissingValues(String valor) {
        assertThat(Identificadores.cpfValido(valor)).isFalse();
        assertThat(Identificadores.cnsValido(valor)).isFalse();
        assertThat(Identificadores.cnesValido(valor)).isFalse();
        assertThat(Identificadores.cepValido(valor)).isFalse();
        assertThat(Identificadores.cid10Valido(valor)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"162738495010003", "207318654120018", "898001234567891"})
    void acceptsValidCns(String cns) {
        assertThat(Identificadores.cnsValido(cns)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "162738495010005", // wrong check digit
                "898001234567890", // provisional, weighted sum not a multiple of 11
                "162738495010011", // weighted sum is ≡ 0 mod 11, but "001" is only legal when dv was 10
                "362738495010003", // first digit 3: neither definitive nor provisional
                "062738495010003",
                "16273849501000", // 14 digits
                "1627384950100030", // 16 digits
                "16273849501000a"
            })
    void rejectsInvalidCns(String cns) {
        assertThat(Identificadores.cnsValido(cns)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"1234567, true", "0012345, true", "123456, false", "12345678, false", "123456a, false"})
    void checksCnesLength(String cnes, boolean valido) {
        assertThat(Identificadores.cnesValido(cnes)).isEqualTo(valido);
    }

    @ParameterizedTest
    @CsvSource({"50070000, true", "01001000, true", "5007000, false", "500700000, false", "50070-000, false"})
    void checksCepDigits(String cep, boolean valido) {
        assertThat(Identificadores.cepValido(cep)).isEqualTo(valido);
    }

    @ParameterizedTest
    @CsvSource({"50070-000, 50070000", "529.982.247-25, 52998224725", "12 34/5, 12345"})
    void stripsTheUsualMask(String comMascara, String semMascara) {
        assertThat(Identificadores.semMascara(comMascara)).isEqualTo(semMascara);
    }

    @ParameterizedTest
    @ValueSource(strings = {"J18.9", "J189", "J18", "j18.9", "A00", "Z99.9", "S72.0"})
    void acceptsCid10WithOrWithoutDot(String cid) {
        assertThat(Identificadores.cid10Valido(cid)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"J1", "J18.", "J18.99", "J1899", "189", "JJ18", "J.189", "J18-9"})
    void rejectsMalformedCid10(String cid) {
        assertThat(Identificadores.cid10Valido(cid)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"J18.9, J189", "J189, J189", "j18.9, J189", "' a00 ', A00"})
    void storesCid10InOneForm(String cid, String normalizado) {
        assertThat(Identificadores.cid10Normalizado(cid)).isEqualTo(normalizado);
    }
}
