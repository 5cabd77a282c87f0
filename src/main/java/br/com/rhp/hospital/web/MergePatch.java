package br.com.rhp.hospital.web;

import br.com.rhp.hospital.shared.DadosInvalidos;
import br.com.rhp.hospital.shared.DadosInvalidos.Campo;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON merge patch (RFC 7396) over a resource's form record: the fields a client may change, named as
 * in its JSON.
 *
 * <p>{@link #checkFields} runs when the request arrives and needs no database: each field in the patch
 * must be a field of the form, of the right type and valid on its own. {@link #apply} runs when the
 * patch is applied to the current record, and validates the whole result (rules across fields).
 */
@Component
public class MergePatch {

    private final JsonMapper json;
    private final Validator validator;

    MergePatch(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /**
     * @throws DadosInvalidos listing every field that is unknown, of the wrong type or invalid on its own
     */
    public <F extends Record> void checkFields(JsonNode patch, Class<F> form) {
        if (patch == null || !patch.isObject()) {
            throw new DadosInvalidos("", "o corpo do PATCH deve ser um objeto JSON (merge patch)");
        }
        if (patch.isEmpty()) {
            throw new DadosInvalidos("", "o PATCH não altera nenhum campo");
        }
        Map<String, RecordComponent> components = componentsByJsonName(form);
        List<Campo> erros = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            String name = field.getKey();
            RecordComponent component = components.get(name);
            if (component == null) {
                erros.add(new Campo(name, "campo desconhecido ou que não pode ser alterado"));
                continue;
            }
            Object value;
            try {
                value = json.treeToValue(field.getValue(), json.constructType(component.getGenericType()));
            } catch (JacksonException e) {
                erros.add(new Campo(name, "valor com tipo ou formato inválido para este campo"));
                continue;
            }
            for (ConstraintViolation<F> violation : validator.validateValue(form, component.getName(), value)) {
                erros.add(new Campo(name, violation.getMessage()));
            }
        }
        if (!erros.isEmpty()) {
            throw new DadosInvalidos(erros);
        }
    }

    /**
     * Applies the patch to the current form and validates the result as a whole.
     *
     * @throws DadosInvalidos when the merged form breaks a constraint
     */
    public <F> F apply(F current, JsonNode patch, Class<F> form) {
        ObjectNode merged = json.valueToTree(current);
        merge(merged, patch);
        F result;
        try {
            result = json.treeToValue(merged, form);
        } catch (JacksonException e) {
            throw new DadosInvalidos("", "o PATCH não pôde ser aplicado ao registro atual");
        }
        Set<ConstraintViolation<F>> violations = validator.validate(result);
        if (!violations.isEmpty()) {
            List<Campo> erros = new ArrayList<>();
            for (ConstraintViolation<F> v : violations) {
                erros.add(new Campo(NomesJson.snakeCase(v.getPropertyPath().toString()), v.getMessage()));
            }
            throw new DadosInvalidos(erros);
        }
        return result;
    }

    /**
     * Puts the text fields of a patch in their stored form (a masked CPF, surrounding spaces…), as a
     * form's constructor does for a whole form, so that {@link #checkFields} judges what will be stored.
     *
     * @param normalizations per JSON field name, the normalisation its form applies; a {@code null}
     *     result becomes JSON {@code null}
     * @return the same patch, changed in place
     */
    public static JsonNode normalize(JsonNode patch, Map<String, UnaryOperator<String>> normalizations) {
        if (patch instanceof ObjectNode object) {
            normalizations.forEach((field, normalization) -> {
                JsonNode value = object.get(field);
                if (value != null && value.isString()) {
                    String normalized = normalization.apply(value.asString());
                    if (normalized == null) {
                        object.putNull(field);
                    } else {
                        object.put(field, normalized);
                    }
                }
            });
        }
        return patch;
    }

    private static void merge(ObjectNode target, JsonNode patch) {
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            JsonNode value = field.getValue();
            if (value.isNull()) {
                target.putNull(field.getKey());
            } else if (value.isObject() && target.get(field.getKey()) instanceof ObjectNode nested) {
                merge(nested, value);
            } else {
                target.set(field.getKey(), value);
            }
        }
    }

    private static Map<String, RecordComponent> componentsByJsonName(Class<? extends Record> form) {
        Map<String, RecordComponent> byName = new HashMap<>();
        for (RecordComponent component : form.getRecordComponents()) {
            byName.put(NomesJson.snakeCase(component.getName()), component);
        }
        return byName;
    }
}
