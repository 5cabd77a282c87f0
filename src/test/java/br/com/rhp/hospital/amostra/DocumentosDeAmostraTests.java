package br.com.rhp.hospital.amostra;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.rhp.hospital.shared.Identificadores;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DocumentosDeAmostraTests {

    @Test
    void generatesDistinctValidCpfs() {
        List<String> cpfs =
                IntStream.rangeClosed(1, 200).mapToObj(DocumentosDeAmostra::cpf).toList();

        assertThat(cpfs)
                .allSatisfy(cpf ->
                        assertThat(Identificadores.cpfValido(cpf)).as(cpf).isTrue());
        assertThat(cpfs).doesNotHaveDuplicates();
    }

    @Test
    void generatesDistinctValidDefinitiveCns() {
        List<String> numeros =
                IntStream.rangeClosed(1, 200).mapToObj(DocumentosDeAmostra::cns).toList();

        assertThat(numeros).allSatisfy(cns -> {
            assertThat(Identificadores.cnsValido(cns)).as(cns).isTrue();
            assertThat(cns).startsWith("2");
        });
        assertThat(numeros).doesNotHaveDuplicates();
    }
}
