package br.com.rhp.hospital.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.rhp.hospital.shared.Versionado;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Found by the fault suite (fault/CrashAndOutageIntegrationTests): an admission committed, then the
 * database was cut before the answer's view (current bed) was read, and the client got a 503 for a
 * write that was saved — the answer that makes people submit a form twice.
 */
class WriteResponsesTests {

    private static final UUID ID = UUID.fromString("01936f3e-0000-7000-8000-000000000001");

    record Registro(UUID id) {}

    record Vista(UUID id, long versao) implements Versionado {}

    @Test
    void answersCreatedWithTheLocationWhenTheDatabaseIsLostAfterTheCommit() {
        ResponseEntity<Object> answer = WriteResponses.created(
                new WriteResult.Applied(new Registro(ID), ID),
                Registro.class,
                r -> {
                    throw new DataAccessResourceFailureException("An I/O error occurred while sending to the backend.");
                },
                "/api/atendimentos");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(answer.getHeaders().getLocation()).isEqualTo(URI.create("/api/atendimentos/" + ID));
        assertThat(answer.getBody()).isEqualTo(new WriteResponses.Gravado(ID, WriteResponses.GRAVADO_SEM_DETALHES));
    }

    @Test
    void answersOkWhenTheDatabaseIsLostAfterAnUpdateCommitted() {
        ResponseEntity<Object> answer = WriteResponses.updated(
                new WriteResult.Applied(new Registro(ID), ID),
                Registro.class,
                r -> {
                    throw new DataAccessResourceFailureException("connection reset");
                },
                "/api/pacientes");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody()).isInstanceOf(WriteResponses.Gravado.class);
    }

    @Test
    void letsAnyOtherFailureOfTheViewThrough() {
        assertThatThrownBy(() -> WriteResponses.created(
                        new WriteResult.Applied(new Registro(ID), ID),
                        Registro.class,
                        r -> {
                            throw new IllegalStateException("a bug in the view");
                        },
                        "/api/atendimentos"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void answersTheFullViewWhenItCanBeRead() {
        ResponseEntity<Object> answer = WriteResponses.created(
                new WriteResult.Applied(new Registro(ID), ID), Registro.class, r -> new Vista(r.id(), 0), "/api/x");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(answer.getHeaders().getETag()).isEqualTo("\"0\"");
        assertThat(answer.getBody()).isEqualTo(new Vista(ID, 0));
    }
}
