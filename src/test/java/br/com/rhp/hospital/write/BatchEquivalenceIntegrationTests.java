package br.com.rhp.hospital.write;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.rhp.hospital.HospitalApplication;
import br.com.rhp.hospital.shared.ProblemaDeDominio;
import br.com.rhp.hospital.support.TestDatabaseInitializer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The replay's batch path ({@link WriteGateway#applyNowTogether}, falling back to one by one as the replayer
 * does) gives exactly what applying the same operations one by one gives: the same outcome for every
 * operation (applied, already applied, refused by the same rule), and the same rows in every table, versions
 * and audit trail included.
 *
 * <p>Random sequences from a seed: units, beds, patients and professionals created and changed, admissions,
 * transfers, discharges, cancellations, voidings and bed status changes, aimed at records chosen at random —
 * so many are refused (a second admission of an admitted patient, a discharge of a finished encounter, a
 * CPF already registered, an occupied bed, a stale version), and some are sent again. Each sequence is
 * applied one by one into one database and in batches of random sizes into another (two applications,
 * two fresh databases of the engine under test). A batch falls back to one by one exactly when it holds an
 * operation that one by one refuses (or the same operation twice), never otherwise. The failing seed is in
 * the message; {@code -Dequivalence.seed=<seed>} replays it.
 */
class BatchEquivalenceIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(BatchEquivalenceIntegrationTests.class);

    private static final int SEQUENCES = Integer.getInteger("equivalence.sequences", 6);
    private static final int OPERATIONS = 150;
    private static final Instant ORIGEM = Instant.parse("2026-01-05T08:00:00Z");

    /** Columns the database's receiving clock or a random id fills: they differ between two runs. */
    private static final Set<String> VARIAM =
            Set.of("recebido_em", "applied_at", "gravado_em", "hash", "hash_anterior");

    /** Tables whose ids are made at apply time (not carried by the operation). */
    private static final Set<String> IDS_GERADOS = Set.of("ocupacao", "trilha_auditoria");

    private static final List<String> TABELAS = List.of(
            "unidade",
            "leito",
            "paciente",
            "profissional",
            "profissional_unidade",
            "atendimento",
            "ocupacao",
            "transferencia",
            "alta",
            "applied_operations",
            "trilha_auditoria",
            "trilha_auditoria_cabeca");

    private static ConfigurableApplicationContext umAUm;
    private static ConfigurableApplicationContext emLotes;
    private static long relogio;

    @BeforeAll
    static void start() {
        umAUm = aplicacao();
        emLotes = aplicacao();
    }

    @AfterAll
    static void stop() {
        if (umAUm != null) {
            umAUm.close();
        }
        if (emLotes != null) {
            emLotes.close();
        }
    }

    @Test
    void appliesRandomSequencesInBatchesExactlyAsOneByOne() {
        Long fixa = Long.getLong("equivalence.seed");
        long base = fixa != null ? fixa : new Random().nextLong();
        int sequencias = fixa != null ? 1 : SEQUENCES;
        int recusadas = 0;
        int lotesDesfeitos = 0;
        int juntas = 0;
        for (int i = 0; i < sequencias; i++) {
            long seed = base + i;
            Resultado r;
            try {
                r = comparar(seed);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ": " + e, e);
            }
            recusadas += r.recusadas();
            lotesDesfeitos += r.lotesDesfeitos();
            juntas += r.juntas();
        }
        if (fixa != null) {
            return; // replaying one seed: its outcomes were compared above
        }
        // the sequences exercise what they claim to: refusals, batches that fell back because of them, and
        // a good share of the operations applied in batches that went through together
        assertThat(recusadas).as("refused operations, seeds from %d", base).isGreaterThan(sequencias);
        assertThat(lotesDesfeitos)
                .as("batches applied one by one, seeds from %d", base)
                .isPositive();
        assertThat(juntas)
                .as("operations applied in batches that went through together, seeds from %d", base)
                .isGreaterThan(sequencias * OPERATIONS / 8);
    }

    private record Resultado(int recusadas, int lotesDesfeitos, int juntas) {}

    private static Resultado comparar(long seed) {
        Random random = new Random(seed);
        Gerador gerador = new Gerador(random, jdbc(umAUm), seed);
        WriteGateway a = umAUm.getBean(WriteGateway.class);
        WriteGateway b = emLotes.getBean(WriteGateway.class);

        // one by one, generating each operation from the state the earlier ones left (versions, beds)
        List<Operation> sequencia = new ArrayList<>();
        List<String> esperados = new ArrayList<>();
        for (int i = 0; i < OPERATIONS; i++) {
            Operation op = gerador.proxima(sequencia);
            sequencia.add(op);
            esperados.add(aplicar(a, op));
        }

        // in batches of random sizes, as the replayer does: together, or one by one when that fails
        List<String> obtidos = new ArrayList<>();
        int recusadas =
                (int) esperados.stream().filter(e -> !e.startsWith("aplicada")).count();
        int lotesDesfeitos = 0;
        int juntas = 0;
        for (int de = 0; de < sequencia.size(); ) {
            int ate = Math.min(sequencia.size(), de + 1 + random.nextInt(40));
            if (random.nextInt(4) != 0) {
                // most batches end just before the next refused operation (one that is refused is then
                // alone), so that long batches also go through together: a refusal sends the whole batch
                // one by one
                for (int i = de + 1; i < ate; i++) {
                    if (!esperados.get(i).startsWith("aplicada")
                            || !esperados.get(de).startsWith("aplicada")) {
                        ate = i;
                        break;
                    }
                }
            }
            List<Operation> lote = sequencia.subList(de, ate);
            boolean deveDesfazer = false;
            Set<UUID> vistas = new HashSet<>();
            for (int i = de; i < ate; i++) {
                deveDesfazer |= esperados.get(i).startsWith("recusada")
                        || esperados.get(i).startsWith("erro")
                        || !vistas.add(sequencia.get(i).operationId());
            }
            boolean desfeito;
            try {
                for (WriteResult result : b.applyNowTogether(lote)) {
                    obtidos.add(descrever(result));
                }
                desfeito = false;
                juntas += lote.size();
            } catch (RuntimeException e) {
                desfeito = true;
                lotesDesfeitos++;
                for (Operation op : lote) {
                    obtidos.add(aplicar(b, op));
                }
            }
            assertThat(desfeito)
                    .as("seed %d: batch of operations %d..%d fell back to one by one", seed, de, ate - 1)
                    .isEqualTo(deveDesfazer);
            de = ate;
        }

        for (int i = 0; i < sequencia.size(); i++) {
            assertThat(obtidos.get(i))
                    .as("seed %d: outcome of operation %d (%s)", seed, i, gerador.descricao(sequencia.get(i)))
                    .isEqualTo(esperados.get(i));
        }
        for (String tabela : TABELAS) {
            assertThat(linhas(jdbc(emLotes), tabela))
                    .as("seed %d: rows of %s", seed, tabela)
                    .containsExactlyElementsOf(linhas(jdbc(umAUm), tabela));
        }
        log.info(
                "seed {}: {} operations, {} refused one by one; {} applied in batches that went through together, {} batches fell back",
                seed,
                sequencia.size(),
                recusadas,
                juntas,
                lotesDesfeitos);
        return new Resultado(recusadas, lotesDesfeitos, juntas);
    }

    private static String aplicar(WriteGateway gateway, Operation op) {
        try {
            return descrever(gateway.applyNow(op));
        } catch (ProblemaDeDominio e) {
            return "recusada " + e.regra();
        } catch (RuntimeException e) {
            return "erro " + e.getClass().getSimpleName();
        }
    }

    private static String descrever(WriteResult result) {
        return result instanceof WriteResult.AlreadyApplied ? "aplicada antes" : "aplicada";
    }

    /** Every row of the table, as text, sorted: the columns a second run must reproduce exactly. */
    private static List<String> linhas(JdbcTemplate jdbc, String tabela) {
        List<String> linhas = new ArrayList<>();
        for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM " + tabela)) {
            Map<String, Object> comparaveis = new TreeMap<>();
            row.forEach((coluna, valor) -> {
                String nome = coluna.toLowerCase(java.util.Locale.ROOT);
                if (!VARIAM.contains(nome) && !(nome.equals("id") && IDS_GERADOS.contains(tabela))) {
                    comparaveis.put(nome, valor == null ? null : valor.toString());
                }
            });
            linhas.add(comparaveis.toString());
        }
        linhas.sort(null);
        return linhas;
    }

    private static JdbcTemplate jdbc(ConfigurableApplicationContext context) {
        return context.getBean(JdbcTemplate.class);
    }

    private static ConfigurableApplicationContext aplicacao() {
        return new SpringApplicationBuilder(HospitalApplication.class)
                .initializers(new TestDatabaseInitializer())
                // no sealing while the two databases are filled: the sealer gives the audit entries their
                // positions in the background, at moments that differ between the two; what the batch must
                // reproduce is what the write transactions write (the entries, unsealed)
                .properties(Map.of("SERVER_PORT", "0", "REPLAY_ON_RECOVERY", "false", "AUDIT_SEAL_INTERVAL", "PT24H"))
                .run();
    }

    /**
     * Random operations over one unit's beds, patients, professionals and encounters. Aims at records
     * chosen at random (and reads versions and current beds from the one-by-one database), so that a good
     * share of the operations break a rule.
     */
    private static final class Gerador {
        private final Random random;
        private final JdbcTemplate jdbc;
        private final long seed;
        private final List<UUID> unidades = new ArrayList<>();
        private final List<UUID> leitos = new ArrayList<>();
        private final List<UUID> pacientes = new ArrayList<>();
        private final List<String> cpfs = new ArrayList<>();
        private final List<UUID> profissionais = new ArrayList<>();
        private final List<UUID> atendimentos = new ArrayList<>();
        private final Map<UUID, String> descricoes = new HashMap<>();
        private int codigos;

        Gerador(Random random, JdbcTemplate jdbc, long seed) {
            this.random = random;
            this.jdbc = jdbc;
            this.seed = seed;
        }

        String descricao(Operation op) {
            return descricoes.getOrDefault(op.operationId(), "?");
        }

        Operation proxima(List<Operation> anteriores) {
            if (unidades.isEmpty()) {
                return unidade();
            }
            if (leitos.size() < 6) {
                return leito();
            }
            if (pacientes.size() < 2) {
                return paciente(novoCpf());
            }
            if (!anteriores.isEmpty() && random.nextInt(25) == 0) {
                // the same submission again (a client retrying, or two nodes staging it)
                Operation de = anteriores.get(random.nextInt(anteriores.size()));
                descricoes.put(de.operationId(), descricao(de));
                return de;
            }
            return switch (random.nextInt(20)) {
                case 0 -> random.nextInt(3) == 0 ? unidade() : alterarUnidade();
                case 1 -> leito();
                case 2, 3 -> paciente(random.nextInt(6) == 0 ? qualquer(cpfs) : novoCpf());
                case 4 -> alterarPaciente();
                case 5 -> random.nextInt(3) == 0 ? anularPaciente() : alterarPaciente();
                case 6 -> random.nextBoolean() ? profissional() : alterarProfissional();
                case 7, 8, 9 -> internar();
                case 10 -> atendimentoSemLeito();
                case 11, 12 -> transferir();
                case 13, 14 -> darAlta();
                case 15 -> cancelar();
                case 16, 17, 18 -> mudarStatus();
                default -> alterarLeito();
            };
        }

        private Operation unidade() {
            UUID id = novoId();
            unidades.add(id);
            Map<String, Object> form = new LinkedHashMap<>();
            form.put("codigo", codigo("U"));
            form.put("nome", "Enfermaria " + codigos);
            form.put("tipo", "ENFERMARIA");
            form.put("aceita_internacao", true);
            if (unidades.size() > 1 && random.nextBoolean()) {
                form.put("unidade_pai_id", unidades.get(0).toString());
            }
            return criar("unidade", id, form);
        }

        private Operation alterarUnidade() {
            UUID id = qualquer(unidades);
            Map<String, Object> patch = new LinkedHashMap<>();
            if (random.nextBoolean()) {
                patch.put("nome", "Enfermaria renomeada " + random.nextInt(100));
            } else {
                patch.put("ativo", random.nextInt(4) != 0);
            }
            return alterar("unidade", "alterar", id, patch);
        }

        private Operation leito() {
            UUID id = novoId();
            leitos.add(id);
            return criar(
                    "leito",
                    id,
                    Map.of(
                            "unidade_id",
                            qualquer(unidades).toString(),
                            "codigo",
                            random.nextInt(8) == 0 && !leitos.isEmpty() ? "L-" + seed + "-1" : codigo("L"),
                            "tipo",
                            "CLINICO",
                            "acomodacao",
                            random.nextBoolean() ? "ENFERMARIA" : "APARTAMENTO"));
        }

        private Operation alterarLeito() {
            Map<String, Object> patch = new LinkedHashMap<>();
            patch.put("acomodacao", random.nextBoolean() ? "ENFERMARIA" : "APARTAMENTO");
            if (random.nextInt(3) == 0) {
                patch.put("codigo", random.nextBoolean() ? "L-" + seed + "-1" : codigo("L"));
            }
            return alterar("leito", "alterar", qualquer(leitos), patch);
        }

        private Operation mudarStatus() {
            String[] destinos = {"DISPONIVEL", "DISPONIVEL", "DISPONIVEL", "HIGIENIZACAO", "BLOQUEADO", "MANUTENCAO"};
            if (random.nextInt(4) != 0) {
                // mostly the everyday one: a cleaned bed made available again
                List<UUID> limpos =
                        ids("SELECT id FROM leito WHERE status IN ('HIGIENIZACAO', 'BLOQUEADO', 'MANUTENCAO')");
                if (!limpos.isEmpty()) {
                    return alterar(
                            "leito",
                            "mudar-status",
                            qualquer(limpos),
                            Map.of("status", "DISPONIVEL", "motivo", "rotina"));
                }
            }
            return alterar(
                    "leito",
                    "mudar-status",
                    qualquer(leitos),
                    Map.of("status", destinos[random.nextInt(destinos.length)], "motivo", "rotina"));
        }

        private Operation paciente(String cpf) {
            UUID id = novoId();
            pacientes.add(id);
            cpfs.add(cpf);
            return criar(
                    "paciente",
                    id,
                    Map.of(
                            "nome",
                            "Maria da Conceição",
                            "cpf",
                            cpf,
                            "data_nascimento",
                            "1971-03-12",
                            "sexo",
                            random.nextBoolean() ? "F" : "M"));
        }

        private Operation alterarPaciente() {
            Map<String, Object> patch = new LinkedHashMap<>();
            switch (random.nextInt(3)) {
                case 0 -> patch.put("cpf", qualquer(cpfs)); // often another patient's
                case 1 -> patch.put("cpf", novoCpf());
                default -> patch.put("nome_social", "Ana " + (char) ('A' + random.nextInt(26)));
            }
            return alterar("paciente", "alterar", qualquer(pacientes), patch);
        }

        private Operation anularPaciente() {
            return alterar("paciente", "anular", qualquer(pacientes), Map.of("motivo", "cadastro em duplicidade"));
        }

        private Operation profissional() {
            UUID id = novoId();
            profissionais.add(id);
            Map<String, Object> form = new LinkedHashMap<>();
            form.put("nome", "José Ribamar");
            form.put("cpf", random.nextInt(5) == 0 && !cpfs.isEmpty() ? qualquer(cpfs) : novoCpf());
            form.put("conselho", "CRM");
            form.put("conselho_uf", "PE");
            form.put("conselho_numero", String.valueOf(random.nextInt(40)));
            form.put("unidades", List.of(qualquer(unidades).toString()));
            form.put("ativo", random.nextInt(5) != 0);
            return criar("profissional", id, form);
        }

        private Operation alterarProfissional() {
            if (profissionais.isEmpty()) {
                return profissional();
            }
            return alterar(
                    "profissional",
                    "alterar",
                    qualquer(profissionais),
                    Map.of("ativo", random.nextBoolean(), "conselho_numero", String.valueOf(random.nextInt(40))));
        }

        private Operation internar() {
            UUID id = novoId();
            atendimentos.add(id);
            Map<String, Object> form = new LinkedHashMap<>();
            form.put(
                    "paciente_id",
                    escolher(
                                    ids("SELECT id FROM paciente WHERE anulado = false AND NOT EXISTS (SELECT 1"
                                            + " FROM atendimento a WHERE a.paciente_id = paciente.id"
                                            + " AND a.status = 'EM_ANDAMENTO')"),
                                    pacientes)
                            .toString());
            form.put("tipo", "INTERNACAO");
            form.put("carater", "URGENCIA");
            form.put("procedencia", "DEMANDA_ESPONTANEA");
            form.put(
                    "leito_id",
                    escolher(ids("SELECT id FROM leito WHERE status = 'DISPONIVEL'"), leitos)
                            .toString());
            form.put("financiamento", "SUS");
            if (!profissionais.isEmpty() && random.nextInt(3) == 0) {
                form.put("profissional_responsavel_id", qualquer(profissionais).toString());
            }
            return criar("atendimento", id, form);
        }

        private Operation atendimentoSemLeito() {
            UUID id = novoId();
            atendimentos.add(id);
            return criar(
                    "atendimento",
                    id,
                    Map.of(
                            "paciente_id", qualquer(pacientes).toString(),
                            "tipo", "AMBULATORIAL",
                            "carater", "ELETIVO",
                            "unidade_id", qualquer(unidades).toString(),
                            "financiamento", "PARTICULAR"));
        }

        private Operation transferir() {
            if (atendimentos.isEmpty()) {
                return internar();
            }
            UUID atendimento = escolher(ids("SELECT atendimento_id FROM ocupacao WHERE fim IS NULL"), atendimentos);
            List<String> atual = jdbc.queryForList(
                    "SELECT leito_id FROM ocupacao WHERE atendimento_id = ? AND fim IS NULL",
                    String.class,
                    atendimento.toString());
            String origem = !atual.isEmpty() && random.nextInt(6) != 0
                    ? atual.get(0)
                    : qualquer(leitos).toString();
            String destino = escolher(ids("SELECT id FROM leito WHERE status = 'DISPONIVEL'"), leitos)
                    .toString();
            if (destino.equals(origem)) {
                destino = leitos.get((leitos.indexOf(UUID.fromString(destino)) + 1) % leitos.size())
                        .toString();
            }
            return criar(
                    "transferencia",
                    novoId(),
                    Map.of(
                            "atendimento_id",
                            atendimento.toString(),
                            "leito_origem_id",
                            origem,
                            "leito_destino_id",
                            destino,
                            "motivo",
                            "MUDANCA_NIVEL_CUIDADO"));
        }

        private Operation darAlta() {
            if (atendimentos.isEmpty()) {
                return internar();
            }
            Map<String, Object> form = new LinkedHashMap<>();
            form.put("atendimento_id", emAndamento().toString());
            form.put("motivo", "ALTA_MELHORADO");
            if (random.nextInt(8) != 0) {
                form.put("cid_principal", "J189");
            }
            return criar("alta", novoId(), form);
        }

        private Operation cancelar() {
            if (atendimentos.isEmpty()) {
                return internar();
            }
            return alterar("atendimento", "cancelar", emAndamento(), Map.of("motivo", "aberto por engano"));
        }

        private Operation criar(String entidade, UUID id, Map<String, Object> payload) {
            return operacao(entidade, Action.CREATE, "criar", id, null, payload);
        }

        /** An update at the record's version of now in the one-by-one database — or, at times, a stale one. */
        private Operation alterar(String entidade, String comando, UUID id, Map<String, Object> payload) {
            List<Long> versoes =
                    jdbc.queryForList("SELECT versao FROM " + entidade + " WHERE id = ?", Long.class, id.toString());
            Long versao = versoes.isEmpty() ? 0L : versoes.get(0);
            if (random.nextInt(20) == 0) {
                versao = versao - 1;
            }
            return operacao(entidade, Action.UPDATE, comando, id, versao, payload);
        }

        private Operation operacao(
                String entidade, Action action, String comando, UUID id, Long versao, Map<String, Object> payload) {
            Operation op = new Operation(
                    novoId(),
                    entidade,
                    action,
                    comando,
                    id,
                    versao,
                    "teste",
                    "no-teste",
                    null,
                    ORIGEM.plusSeconds(++relogio),
                    payload);
            descricoes.put(op.operationId(), action.key() + " " + entidade + " " + comando + " " + payload);
            return op;
        }

        private UUID emAndamento() {
            return escolher(ids("SELECT id FROM atendimento WHERE status = 'EM_ANDAMENTO'"), atendimentos);
        }

        /** Ids the query returns that belong to this sequence, read from the one-by-one database. */
        private List<UUID> ids(String sql) {
            Set<String> resposta = new HashSet<>(jdbc.queryForList(sql, String.class));
            List<UUID> nossos = new ArrayList<>();
            for (List<UUID> lista : List.of(leitos, pacientes, atendimentos)) {
                for (UUID id : lista) {
                    if (resposta.contains(id.toString())) {
                        nossos.add(id);
                    }
                }
            }
            return nossos;
        }

        /** Mostly one of the records the operation fits; now and then any record, to be refused. */
        private UUID escolher(List<UUID> adequados, List<UUID> todos) {
            return !adequados.isEmpty() && random.nextInt(8) != 0 ? qualquer(adequados) : qualquer(todos);
        }

        private <T> T qualquer(List<T> lista) {
            return lista.get(random.nextInt(lista.size()));
        }

        private UUID novoId() {
            return new UUID(random.nextLong(), random.nextLong());
        }

        private String codigo(String prefixo) {
            return prefixo + "-" + seed + "-" + (++codigos);
        }

        /** A valid CPF from the seeded generator. */
        private String novoCpf() {
            while (true) {
                String nove = String.format("%09d", 100_000_000 + random.nextInt(800_000_000));
                if (nove.chars().distinct().count() == 1) {
                    continue;
                }
                int d1 = digito(nove, 10);
                int d2 = digito(nove + d1, 11);
                return nove + d1 + d2;
            }
        }

        private static int digito(String base, int peso) {
            int soma = 0;
            for (int i = 0; i < base.length(); i++) {
                soma += (base.charAt(i) - '0') * (peso - i);
            }
            int resto = (soma * 10) % 11;
            return resto == 10 ? 0 : resto;
        }
    }
}
