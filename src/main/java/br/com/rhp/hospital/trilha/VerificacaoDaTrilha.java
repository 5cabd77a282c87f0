package br.com.rhp.hospital.trilha;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;

/**
 * Recomputes every chain of the audit trail from its first entry and reports, per chain, the first entry
 * where it breaks: a position missing or repeated (an entry deleted or inserted), a {@code hash_anterior}
 * that is not the previous entry's hash (an entry replaced), a hash that is not that of the entry's
 * content (a column changed), an entry with a position beyond the chain's head (inserted by hand), or a
 * head that is not the last entry (entries deleted at the end).
 *
 * <p>It first seals what is committed ({@link Selador}), so the chains it checks hold every entry written
 * until then; entries committed while it runs are reported per chain as unsealed ({@code nao_seladas}),
 * which is not a break. An entry is covered by its chain only once sealed: until then — about {@code
 * AUDIT_SEAL_INTERVAL} after its write — it could be changed or deleted by someone with write access to
 * the database without trace; an entry inserted by hand unsealed is simply sealed like any other.
 *
 * <p>What it cannot see: someone with write access who rewrites a chain <em>and</em> recomputes every
 * later hash and the head. Against that, keep the heads this report gives ({@code hash_cabeca}) outside
 * the database from time to time (in the hospital's ticketing system, a signed e-mail): a later report
 * whose chain no longer passes through a kept head shows the rewrite.
 */
@Component
class VerificacaoDaTrilha {

    private static final int PAGINA = 1000;

    private final EntradaRepository entradas;
    private final CabecaRepository cabecas;
    private final Selador selador;
    private final Clock clock;

    VerificacaoDaTrilha(EntradaRepository entradas, CabecaRepository cabecas, Selador selador, Clock clock) {
        this.entradas = entradas;
        this.cabecas = cabecas;
        this.selador = selador;
        this.clock = clock;
    }

    /** Where a chain breaks first. */
    record Quebra(long posicao, UUID entradaId, String motivo) {}

    /**
     * One chain's result.
     *
     * @param entradas the sealed entries checked
     * @param naoSeladas entries of the chain not sealed yet when it was checked (written meanwhile, or kept
     *     from sealing by a break): not covered by this check, and not a break
     */
    record Cadeia(
            String cadeia,
            long entradas,
            long naoSeladas,
            long posicaoCabeca,
            String hashCabeca,
            boolean integra,
            Quebra quebra) {}

    /** The whole report. */
    record Verificacao(boolean integra, Instant verificadaEm, List<Cadeia> cadeias) {}

    Verificacao verificar() {
        Instant inicio = clock.instant();
        selador.selar();
        TreeSet<String> nomes = new TreeSet<>(entradas.cadeiasComEntradas());
        cabecas.findAll().forEach(c -> nomes.add(c.cadeia()));
        List<Cadeia> resultado = new ArrayList<>();
        for (String nome : nomes) {
            resultado.add(verificar(nome));
        }
        return new Verificacao(resultado.stream().allMatch(Cadeia::integra), inicio, List.copyOf(resultado));
    }

    private Cadeia verificar(String cadeia) {
        // The head is read before the entries: every entry up to its position was committed with it. An
        // entry beyond it may be a write that committed meanwhile (the head is read again) or one inserted
        // without moving the head (then it is a break).
        Optional<CabecaDaTrilha> cabeca = cabecas.findById(cadeia);
        long limite = cabeca.map(CabecaDaTrilha::posicao).orElse(0L);
        String hashLimite = cabeca.map(CabecaDaTrilha::hash).orElse(Encadeamento.GENESE);
        long esperada = 1;
        String anterior = Encadeamento.GENESE;
        long contadas = 0;
        Quebra quebra = null;
        long ultima = 0;
        while (quebra == null) {
            List<EntradaDaTrilha> pagina = entradas.findByCadeiaAndPosicaoGreaterThanOrderByPosicaoAsc(
                    cadeia, ultima, PageRequest.of(0, PAGINA));
            for (EntradaDaTrilha e : pagina) {
                if (e.posicao() > limite) {
                    cabeca = cabecas.findById(cadeia);
                    limite = cabeca.map(CabecaDaTrilha::posicao).orElse(0L);
                    hashLimite = cabeca.map(CabecaDaTrilha::hash).orElse(Encadeamento.GENESE);
                }
                contadas++;
                quebra = quebra(e, esperada, anterior, limite);
                if (quebra != null) {
                    break;
                }
                anterior = e.hash();
                ultima = e.posicao();
                esperada++;
            }
            if (pagina.size() < PAGINA) {
                break;
            }
        }
        if (quebra == null && (limite != ultima || !hashLimite.equals(anterior))) {
            quebra = new Quebra(
                    ultima + 1,
                    null,
                    "a cabeça da cadeia indica a posição " + limite + ", mas a última entrada íntegra é a " + ultima
                            + " (entradas finais removidas?)");
        }
        return new Cadeia(
                cadeia,
                contadas,
                entradas.countByCadeiaAndPosicaoIsNull(cadeia),
                limite,
                cabeca.map(CabecaDaTrilha::hash).orElse(null),
                quebra == null,
                quebra);
    }

    private static Quebra quebra(EntradaDaTrilha e, long esperada, String anterior, long limite) {
        if (e.posicao() != esperada) {
            return new Quebra(
                    e.posicao(),
                    e.id(),
                    "posição " + esperada + " esperada, encontrada " + e.posicao() + " (entrada removida ou inserida)");
        }
        if (e.posicao() > limite) {
            return new Quebra(
                    e.posicao(),
                    e.id(),
                    "entrada além da cabeça da cadeia (" + limite + "): inserida por fora do serviço");
        }
        if (!anterior.equals(e.hashAnterior())) {
            return new Quebra(e.posicao(), e.id(), "hash_anterior difere do hash da entrada anterior da cadeia");
        }
        if (!Encadeamento.hash(e).equals(e.hash())) {
            return new Quebra(e.posicao(), e.id(), "conteúdo alterado: o hash recalculado difere do gravado");
        }
        return null;
    }
}
