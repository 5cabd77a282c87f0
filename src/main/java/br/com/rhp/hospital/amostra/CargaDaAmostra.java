package br.com.rhp.hospital.amostra;

import br.com.rhp.hospital.leito.LeitoRepository;
import br.com.rhp.hospital.shared.ProblemaDeDominio;
import br.com.rhp.hospital.unidade.Unidade;
import br.com.rhp.hospital.unidade.UnidadeRepository;
import br.com.rhp.hospital.write.Operations;
import br.com.rhp.hospital.write.WriteGateway;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads {@link HospitalDeAmostra} once the application is ready, only when {@code SAMPLE_DATA=true}
 * (from {@code .env} or the environment; absent means false, and then this bean does not even exist).
 *
 * <p>Every record is written through the write path in the name of the user {@value #USUARIO}, as the
 * forms of a person would be. The whole sample is one transaction (the gateway's transactions join it):
 * it is loaded entirely or not at all, so the presence of the establishment {@value
 * HospitalDeAmostra#CODIGO_ESTABELECIMENTO} tells exactly whether it is there, and a restart with the
 * flag still on skips it with one log line. A failure is logged (the rule or the kind of error, never
 * a name or a document number) and the application keeps running without the sample.
 */
@Component
@ConditionalOnProperty(name = CargaDaAmostra.CHAVE, havingValue = "true")
class CargaDaAmostra {

    /** The configuration key that turns the sample on. */
    static final String CHAVE = "SAMPLE_DATA";

    /** The user the sample's operations are written by. */
    static final String USUARIO = "amostra";

    private static final Logger log = LoggerFactory.getLogger(CargaDaAmostra.class);

    private final Operations operations;
    private final WriteGateway gateway;
    private final Validator validator;
    private final UnidadeRepository unidades;
    private final LeitoRepository leitos;
    private final TransactionTemplate transacoes;
    private final Clock clock;

    CargaDaAmostra(
            Operations operations,
            WriteGateway gateway,
            Validator validator,
            UnidadeRepository unidades,
            LeitoRepository leitos,
            TransactionTemplate transacoes,
            Clock clock) {
        this.operations = operations.as(USUARIO);
        this.gateway = gateway;
        this.validator = validator;
        this.unidades = unidades;
        this.leitos = leitos;
        this.transacoes = transacoes;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void aoFicarPronta() {
        try {
            carregar();
        } catch (ProblemaDeDominio e) {
            log.error("Dados de amostra não carregados: a regra {} recusou um formulário; nada foi gravado", e.regra());
        } catch (AmostraInvalida e) {
            log.error("Dados de amostra não carregados: {}; nada foi gravado", e.getMessage());
        } catch (RuntimeException e) {
            // the message of a database error may quote the row (names, CPFs): only its kind is logged
            log.error(
                    "Dados de amostra não carregados ({}); nada foi gravado",
                    e.getClass().getName());
        }
    }

    /**
     * Writes the sample unless it is already there.
     *
     * @return how many operations of each kind were written; empty when the sample was already there
     */
    Map<String, Integer> carregar() {
        if (jaCarregada()) {
            log.info(
                    "Dados de amostra já carregados (unidade {} existe): nada a fazer",
                    HospitalDeAmostra.CODIGO_ESTABELECIMENTO);
            return Map.of();
        }
        long inicio = System.nanoTime();
        Map<String, Integer> contagem = transacoes.execute(status -> {
            Formularios formularios = new Formularios(operations, gateway, validator, leitos);
            new HospitalDeAmostra(formularios, clock.instant().truncatedTo(ChronoUnit.MINUTES)).escrever();
            return formularios.contagem();
        });
        log.info(
                "Dados de amostra carregados em {} ms (usuário {}): {}",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - inicio),
                USUARIO,
                contagem);
        return contagem;
    }

    private boolean jaCarregada() {
        Specification<Unidade> estabelecimento =
                (root, query, cb) -> cb.equal(root.get("codigo"), HospitalDeAmostra.CODIGO_ESTABELECIMENTO);
        return unidades.exists(estabelecimento);
    }
}
