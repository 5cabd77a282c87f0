package br.com.rhp.hospital.profissional;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The rules a professional's registration must keep against the other records. */
@Component
class RegrasDeProfissional {

    private final ProfissionalRepository profissionais;

    RegrasDeProfissional(ProfissionalRepository profissionais) {
        this.profissionais = profissionais;
    }

    void verificar(UUID id, ProfissionalForm form) {
        if (profissionais.existsByCpfAndIdNot(form.cpf(), id)) {
            throw new CpfDeProfissionalJaCadastrado();
        }
        if (form.conselhoNumero() != null
                && profissionais.existsByConselhoAndConselhoUfAndConselhoNumeroAndIdNot(
                        form.conselho(), form.conselhoUf(), form.conselhoNumero(), id)) {
            throw new RegistroNoConselhoJaCadastrado();
        }
        if (!form.unidades().isEmpty()) {
            Set<String> faltando = new LinkedHashSet<>();
            form.unidades().forEach(u -> faltando.add(u.toString()));
            profissionais.unidadesExistentes(faltando).forEach(faltando::remove);
            if (!faltando.isEmpty()) {
                throw new UnidadeInexistente(faltando);
            }
        }
    }
}
