package br.com.rhp.hospital.amostra;

import br.com.rhp.hospital.leito.Leito;
import br.com.rhp.hospital.leito.LeitoRepository;
import br.com.rhp.hospital.leito.MudancaDeStatusForm;
import br.com.rhp.hospital.write.Operation;
import br.com.rhp.hospital.write.Operations;
import br.com.rhp.hospital.write.WriteGateway;
import br.com.rhp.hospital.write.WriteResult;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Submits the sample's forms the way the controllers submit a user's: Bean Validation first (as
 * {@code @Valid} does), then an operation built by {@link Operations} and applied by the {@link
 * WriteGateway}, so the sample passes every rule a user's form passes. Counts what it wrote, by kind.
 */
final class Formularios {

    private final Operations operations;
    private final WriteGateway gateway;
    private final Validator validator;
    private final LeitoRepository leitos;
    private final Map<String, Integer> contagem = new LinkedHashMap<>();

    Formularios(Operations operations, WriteGateway gateway, Validator validator, LeitoRepository leitos) {
        this.operations = operations;
        this.gateway = gateway;
        this.validator = validator;
        this.leitos = leitos;
    }

    /** Submits a create form of {@code entidade} and returns the id of the new record. */
    UUID criar(String entidade, Object form) {
        validar(form);
        Operation operation = operations.create(entidade, form);
        aplicar(operation);
        contar(entidade);
        return operation.entityId();
    }

    /** Submits a manual status change of a bed, at the version the bed has now (as a user would see it). */
    void mudarStatusDoLeito(UUID leitoId, MudancaDeStatusForm form) {
        validar(form);
        long versao = leitos.findById(leitoId)
                .orElseThrow(() -> new AmostraInvalida("leito " + leitoId + " da amostra não encontrado"))
                .versao();
        aplicar(operations.update(Leito.ENTIDADE, Leito.MUDAR_STATUS, leitoId, versao, form));
        contar(Leito.ENTIDADE + "/" + Leito.MUDAR_STATUS);
    }

    /** How many operations of each kind were applied, in the order they first appeared. */
    Map<String, Integer> contagem() {
        return Collections.unmodifiableMap(contagem);
    }

    private void aplicar(Operation operation) {
        // applied now, in the loader's transaction (all or nothing): sample data is never staged
        WriteResult result = gateway.applyNow(operation);
        if (!(result instanceof WriteResult.Applied)) {
            // a fresh operation id cannot be in the ledger; if it is, something else is badly wrong
            throw new AmostraInvalida("operação de amostra não aplicada: " + operation.entity());
        }
    }

    /** Refuses a bad sample form naming its fields, never their values (which may be a CPF or a name). */
    private void validar(Object form) {
        Set<ConstraintViolation<Object>> violacoes = validator.validate(form);
        if (!violacoes.isEmpty()) {
            Set<String> campos = new TreeSet<>();
            violacoes.forEach(v -> campos.add(v.getPropertyPath().toString()));
            throw new AmostraInvalida(
                    "formulário de amostra inválido (" + form.getClass().getSimpleName() + "): campos " + campos);
        }
    }

    private void contar(String tipo) {
        contagem.merge(tipo, 1, Integer::sum);
    }
}
