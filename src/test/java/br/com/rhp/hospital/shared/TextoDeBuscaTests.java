package br.com.rhp.hospital.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextoDeBuscaTests {

    @ParameterizedTest
    @CsvSource({
        "João da Conceição, joao da conceicao",
        "JOSÉ  D'ÁVILA-GONÇALVES, jose d'avila-goncalves",
        "' Ñandú Müller ', nandu muller",
        "joao, joao"
    })
    void foldsAccentsCaseAndSpaces(String nome, String dobrado) {
        assertThat(TextoDeBusca.dobrar(nome)).isEqualTo(dobrado);
    }

    @Test
    void foldsDecomposedAndComposedFormsAlike() {
        assertThat(TextoDeBusca.dobrar("Joa\u0303o")).isEqualTo(TextoDeBusca.dobrar("Jo\u00e3o"));
    }

    @Test
    void keepsNull() {
        assertThat(TextoDeBusca.dobrar(null)).isNull();
    }

    @Test
    void escapesLikeWildcardsOfTheTerm() {
        assertThat(TextoDeBusca.contendo("Conceição")).isEqualTo("%conceicao%");
        assertThat(TextoDeBusca.contendo("50%_a\\b")).isEqualTo("%50\\%\\_a\\\\b%");
    }
}
