package br.com.rhp.hospital.shared;

/** The record changed since the version the user saw ({@code If-Match}): the update would lose a change. */
public class VersaoDivergente extends ProblemaDeDominio {

    public VersaoDivergente(String entidade, long esperada, long atual) {
        super(entidade + " foi alterado(a) por outra pessoa: versão esperada " + esperada + ", versão atual " + atual
                + ". Recarregue o registro e refaça a alteração.");
    }

    /** A concurrent change was detected only when writing (the version moved under the update). */
    public VersaoDivergente(String entidade) {
        super(entidade
                + " foi alterado(a) por outra pessoa ao mesmo tempo. Recarregue o registro e refaça a alteração.");
    }

    /**
     * @throws VersaoDivergente unless the record is still at the version the user saw
     */
    public static void exigir(String entidade, Long esperada, long atual) {
        if (esperada == null || esperada != atual) {
            throw new VersaoDivergente(entidade, esperada == null ? -1 : esperada, atual);
        }
    }

    @Override
    public int status() {
        return 412;
    }

    @Override
    public String titulo() {
        return "Registro alterado por outra pessoa";
    }
}
