package br.com.rhp.hospital.write;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.rhp.hospital.shared.NodeIdentity;
import br.com.rhp.hospital.shared.UuidV7;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class OperationsTests {

    private final Clock clock = Clock.fixed(Instant.parse("2025-03-10T12:00:00.123456Z"), ZoneOffset.UTC);
    private final Operations operations = new Operations(new UuidV7(clock), new NodeIdentity("no-1"), clock);

    @AfterEach
    void clearSecurityContext() {
        SecurityContextHolder.clearContext();
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void stampsTheAuthenticatedUser() {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated("maria", null, List.of()));

        assertThat(operations.create("unidade", "form").user()).isEqualTo("maria");
    }

    @Test
    void stampsTheNamedUserOfAServiceJobWhateverTheSecurityContextHolds() {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated("maria", null, List.of()));
        Operations amostra = operations.as("amostra");

        Operation criada = amostra.create("unidade", "form");
        Operation alterada = amostra.update("leito", "mudar-status", UUID.randomUUID(), 3, "form");

        assertThat(criada.user()).isEqualTo("amostra");
        assertThat(alterada.user()).isEqualTo("amostra");
        assertThat(alterada.nodeId()).isEqualTo("no-1");
        assertThat(alterada.registradoEm()).isEqualTo(Instant.parse("2025-03-10T12:00:00.123Z"));
        assertThat(operations.create("unidade", "form").user()).isEqualTo("maria");
    }

    @Test
    void stampsSistemaWithoutAnAuthenticatedUser() {
        assertThat(operations.create("unidade", "form").user()).isEqualTo("sistema");
    }

    @Test
    void knowsTheIdItMadeForTheRequestBeingServed() {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));

        Operation criada = operations.create("unidade", "form");

        assertThat(Operations.mintedForThisRequest(criada.operationId())).isTrue();
        assertThat(Operations.mintedForThisRequest(UUID.randomUUID())).isFalse();
    }

    @Test
    void neverTakesTheClientsIdempotencyKeyForAnIdItMade() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        UUID chave = UUID.fromString("0190a000-0000-7000-8000-000000000abc");
        request.addHeader(Operations.IDEMPOTENCY_KEY, chave.toString());
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));

        Operation alterada = operations.update("leito", UUID.randomUUID(), 2, "form");

        assertThat(alterada.operationId()).isEqualTo(chave);
        assertThat(Operations.mintedForThisRequest(chave)).isFalse();
    }

    @Test
    void takesNoIdAsMadeHereOutsideARequest() {
        Operation criada = operations.create("unidade", "form");
        Operation daAmostra = operations.as("amostra").create("unidade", "form");

        assertThat(Operations.mintedForThisRequest(criada.operationId())).isFalse();
        assertThat(Operations.mintedForThisRequest(daAmostra.operationId())).isFalse();
    }
}
