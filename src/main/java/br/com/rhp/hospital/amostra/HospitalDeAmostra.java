package br.com.rhp.hospital.amostra;

import static br.com.rhp.hospital.amostra.DocumentosDeAmostra.cns;
import static br.com.rhp.hospital.amostra.DocumentosDeAmostra.cpf;

import br.com.rhp.hospital.atendimento.Alta;
import br.com.rhp.hospital.atendimento.AltaForm;
import br.com.rhp.hospital.atendimento.Atendimento;
import br.com.rhp.hospital.atendimento.AtendimentoForm;
import br.com.rhp.hospital.atendimento.Carater;
import br.com.rhp.hospital.atendimento.Financiamento;
import br.com.rhp.hospital.atendimento.MotivoAlta;
import br.com.rhp.hospital.atendimento.MotivoTransferencia;
import br.com.rhp.hospital.atendimento.Procedencia;
import br.com.rhp.hospital.atendimento.TipoAtendimento;
import br.com.rhp.hospital.atendimento.Transferencia;
import br.com.rhp.hospital.atendimento.TransferenciaForm;
import br.com.rhp.hospital.leito.Acomodacao;
import br.com.rhp.hospital.leito.Leito;
import br.com.rhp.hospital.leito.LeitoForm;
import br.com.rhp.hospital.leito.MudancaDeStatusForm;
import br.com.rhp.hospital.leito.StatusLeito;
import br.com.rhp.hospital.leito.TipoLeito;
import br.com.rhp.hospital.paciente.Paciente;
import br.com.rhp.hospital.paciente.PacienteForm;
import br.com.rhp.hospital.paciente.RacaCor;
import br.com.rhp.hospital.paciente.Sexo;
import br.com.rhp.hospital.profissional.Conselho;
import br.com.rhp.hospital.profissional.Profissional;
import br.com.rhp.hospital.profissional.ProfissionalForm;
import br.com.rhp.hospital.unidade.TipoUnidade;
import br.com.rhp.hospital.unidade.Unidade;
import br.com.rhp.hospital.unidade.UnidadeForm;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The sample hospital, told as the sequence of forms its staff would have filled in on the day the
 * system went live: the establishment and its units, the beds, the professionals, the patients, the
 * stays already under way (with their real admission times), two bed moves, two discharges and the
 * housekeeping of the morning.
 *
 * <p>What it leaves, out of 30 beds: 10 occupied (3 in the adult ICU), 3 in cleaning, 1 blocked, the
 * rest free; 15 patients (one unidentified), 7 professionals, 14 encounters (12 admissions, one
 * emergency visit, one outpatient visit). The names and addresses are invented; the CPF and CNS
 * numbers come from {@link DocumentosDeAmostra}.
 */
final class HospitalDeAmostra {

    /** The establishment's code: its presence means the sample is loaded. */
    static final String CODIGO_ESTABELECIMENTO = "RHP-AMOSTRA";

    static final String UTI_ADULTO = "UTI-ADULTO";

    private static final String RECIFE = "Recife";

    private final Formularios formularios;
    private final Instant agora;
    private final Map<String, UUID> unidades = new HashMap<>();
    private final Map<String, UUID> leitos = new HashMap<>();
    private final Map<String, UUID> profissionais = new HashMap<>();
    private final Map<String, UUID> pacientes = new HashMap<>();
    private final Map<String, UUID> internacoes = new HashMap<>();

    /**
     * @param agora the moment of the load; every event of the sample happened before it
     */
    HospitalDeAmostra(Formularios formularios, Instant agora) {
        this.formularios = formularios;
        this.agora = agora;
    }

    void escrever() {
        unidades();
        leitos();
        profissionais();
        pacientes();
        internacoes();
        outrosAtendimentos();
        transferencias();
        altas();
        higienizacaoEBloqueio();
    }

    private void unidades() {
        UUID rhp = unidade(
                CODIGO_ESTABELECIMENTO,
                "Real Hospital Português de Beneficência em Pernambuco (dados de amostra)",
                TipoUnidade.ESTABELECIMENTO,
                null,
                "0000396",
                false);
        UUID predio = unidade(
                "EDF-PRINCIPAL", "Edifício Principal — Av. Portugal, 163", TipoUnidade.PREDIO, rhp, null, false);
        unidade(UTI_ADULTO, "UTI Adulto — 2º andar", TipoUnidade.UTI, predio, null, true);
        unidade("MATERNIDADE", "Maternidade / Obstetrícia — 3º andar", TipoUnidade.ENFERMARIA, predio, null, true);
        unidade("ENF-CLINICA", "Enfermaria Clínica — 4º andar", TipoUnidade.ENFERMARIA, predio, null, true);
        unidade("ENF-CIRURGICA", "Enfermaria Cirúrgica — 5º andar", TipoUnidade.ENFERMARIA, predio, null, true);
        unidade("EMERGENCIA", "Emergência — térreo", TipoUnidade.EMERGENCIA, predio, null, true);
        // a place of care without beds: outpatient visits only
        unidade("AMB-CARDIO", "Ambulatório de Cardiologia", TipoUnidade.AMBULATORIO, predio, null, false);
    }

    private UUID unidade(
            String codigo, String nome, TipoUnidade tipo, UUID pai, String cnes, boolean aceitaInternacao) {
        UUID id = formularios.criar(
                Unidade.ENTIDADE, new UnidadeForm(codigo, nome, tipo, pai, cnes, aceitaInternacao, true));
        unidades.put(codigo, id);
        return id;
    }

    private void leitos() {
        for (int i = 1; i <= 7; i++) {
            leito(UTI_ADULTO, "UTI-%02d".formatted(i), TipoLeito.UTI_ADULTO, Acomodacao.ENFERMARIA);
        }
        leito(UTI_ADULTO, "UTI-08", TipoLeito.ISOLAMENTO, Acomodacao.APARTAMENTO);
        for (String codigo : List.of("OBS-301A", "OBS-301B", "OBS-302A", "OBS-302B")) {
            leito("MATERNIDADE", codigo, TipoLeito.OBSTETRICO, Acomodacao.ENFERMARIA);
        }
        for (int quarto = 401; quarto <= 404; quarto++) {
            leito("ENF-CLINICA", "ENF-" + quarto + "A", TipoLeito.CLINICO, Acomodacao.ENFERMARIA);
            leito("ENF-CLINICA", "ENF-" + quarto + "B", TipoLeito.CLINICO, Acomodacao.ENFERMARIA);
        }
        for (int quarto = 501; quarto <= 503; quarto++) {
            leito("ENF-CIRURGICA", "ENF-" + quarto + "A", TipoLeito.CIRURGICO, Acomodacao.ENFERMARIA);
            leito("ENF-CIRURGICA", "ENF-" + quarto + "B", TipoLeito.CIRURGICO, Acomodacao.ENFERMARIA);
        }
        leito("ENF-CIRURGICA", "APT-510", TipoLeito.CIRURGICO, Acomodacao.APARTAMENTO);
        for (int i = 1; i <= 3; i++) {
            leito("EMERGENCIA", "EMG-OBS-%02d".formatted(i), TipoLeito.OBSERVACAO, Acomodacao.ENFERMARIA);
        }
    }

    private void leito(String unidade, String codigo, TipoLeito tipo, Acomodacao acomodacao) {
        leitos.put(
                codigo,
                formularios.criar(Leito.ENTIDADE, new LeitoForm(unidades.get(unidade), codigo, tipo, acomodacao)));
    }

    private void profissionais() {
        profissional(
                "intensivista", "Ricardo Cavalcanti de Albuquerque", 101, Conselho.CRM, "11873", "225150", UTI_ADULTO);
        profissional(
                "clinica", "Mariana Lins Figueirôa", 102, Conselho.CRM, "20871", "225125", "ENF-CLINICA", "EMERGENCIA");
        profissional("cirurgiao", "Felipe Barros Maranhão", 103, Conselho.CRM, "18402", "225225", "ENF-CIRURGICA");
        profissional("obstetra", "Patrícia Queiroz Siqueira", 104, Conselho.CRM, "16550", "225250", "MATERNIDADE");
        profissional(
                "cardiologista",
                "Paulo Henrique Accioly",
                105,
                Conselho.CRM,
                "15309",
                "225120",
                "AMB-CARDIO",
                UTI_ADULTO);
        profissional(
                "enfermeira",
                "Josefa Ferreira da Silva",
                106,
                Conselho.COREN,
                "345678",
                "223505",
                UTI_ADULTO,
                "ENF-CLINICA");
        profissional("tecnico", "Severino Ramos de Araújo", 107, Conselho.COREN, "998877", "322205", "EMERGENCIA");
    }

    private void profissional(
            String papel, String nome, int documento, Conselho conselho, String numero, String cbo, String... lotacao) {
        List<UUID> onde = List.of(lotacao).stream().map(unidades::get).toList();
        ProfissionalForm form =
                new ProfissionalForm(nome, cpf(documento), cns(documento), conselho, "PE", numero, cbo, onde, true);
        profissionais.put(papel, formularios.criar(Profissional.ENTIDADE, form));
    }

    private void pacientes() {
        paciente(
                "joao",
                new Pessoa(
                        "João Batista de Araújo",
                        null,
                        1,
                        true,
                        LocalDate.of(1956, 4, 17),
                        Sexo.M,
                        "Maria José de Araújo",
                        RacaCor.PARDA,
                        new Endereco("Rua da Aurora", "1021", "Apto 802", "Boa Vista", RECIFE, "50050000")));
        paciente(
                "conceicao",
                new Pessoa(
                        "Maria da Conceição Gonçalves",
                        null,
                        2,
                        true,
                        LocalDate.of(1948, 12, 8),
                        Sexo.F,
                        "Joana Gonçalves",
                        RacaCor.PRETA,
                        new Endereco("Estrada do Arraial", "3250", null, "Casa Amarela", RECIFE, "52051380")));
        paciente(
                "antonio",
                new Pessoa(
                        "Antônio Ribeiro Gonçalves",
                        null,
                        3,
                        true,
                        LocalDate.of(1951, 9, 2),
                        Sexo.M,
                        null,
                        RacaCor.BRANCA,
                        new Endereco("Avenida Rui Barbosa", "715", null, "Graças", RECIFE, "52011040")));
        paciente(
                "luiza",
                new Pessoa(
                        "Luíza Helena Brandão",
                        null,
                        4,
                        true,
                        LocalDate.of(1987, 6, 30),
                        Sexo.F,
                        "Helena Brandão",
                        RacaCor.BRANCA,
                        new Endereco("Rua das Graças", "388", "Apto 1402", "Graças", RECIFE, "52011200")));
        paciente(
                "jessica",
                new Pessoa(
                        "Jéssica Karoline dos Santos",
                        null,
                        5,
                        true,
                        LocalDate.of(1998, 2, 14),
                        Sexo.F,
                        "Edilene dos Santos",
                        RacaCor.PARDA,
                        new Endereco("Rua Padre Carapuceiro", "1140", null, "Boa Viagem", RECIFE, "51020280")));
        paciente(
                "jose",
                new Pessoa(
                        "José Inácio Wanderley",
                        null,
                        6,
                        true,
                        LocalDate.of(1943, 11, 20),
                        Sexo.M,
                        null,
                        RacaCor.BRANCA,
                        new Endereco("Rua do Espinheiro", "545", null, "Espinheiro", RECIFE, "52020020")));
        paciente(
                "francisca",
                new Pessoa(
                        "Francisca Lúcia de Araújo Melo",
                        null,
                        7,
                        true,
                        LocalDate.of(1962, 3, 5),
                        Sexo.F,
                        "Lúcia de Araújo",
                        RacaCor.PARDA,
                        new Endereco("Avenida Beberibe", "2100", null, "Água Fria", RECIFE, "52120000")));
        // registered with the Cartão SUS only, as many patients are
        paciente(
                "sebastiao",
                new Pessoa(
                        "Sebastião Pereira Cabral",
                        null,
                        8,
                        false,
                        LocalDate.of(1939, 7, 26),
                        Sexo.M,
                        "Rosa Pereira",
                        RacaCor.PRETA,
                        new Endereco("Avenida Afonso Olindense", "77", null, "Várzea", RECIFE, "50810000")));
        paciente(
                "thais",
                new Pessoa(
                        "Thaís Vitória Barbosa",
                        null,
                        9,
                        true,
                        LocalDate.of(2001, 10, 11),
                        Sexo.F,
                        "Vitória Barbosa",
                        RacaCor.PARDA,
                        new Endereco(
                                "Avenida Bernardo Vieira de Melo",
                                "4500",
                                null,
                                "Piedade",
                                "Jaboatão dos Guararapes",
                                "54410010")));
        paciente(
                "edvaldo",
                new Pessoa(
                        "Edvaldo Ximenes Leão",
                        null,
                        10,
                        true,
                        LocalDate.of(1970, 1, 29),
                        Sexo.M,
                        null,
                        RacaCor.PARDA,
                        new Endereco("Avenida Caxangá", "1865", null, "Cordeiro", RECIFE, "50721000")));
        paciente(
                "iracema",
                new Pessoa(
                        "Iracema Sampaio D'Ávila",
                        null,
                        11,
                        true,
                        LocalDate.of(1955, 5, 18),
                        Sexo.F,
                        null,
                        RacaCor.BRANCA,
                        new Endereco(
                                "Avenida Conselheiro Aguiar", "2738", "Apto 1201", "Boa Viagem", RECIFE, "51111010")));
        paciente(
                "angela",
                new Pessoa(
                        "Ângela Maria Gusmão Tavares",
                        null,
                        12,
                        true,
                        LocalDate.of(1968, 8, 9),
                        Sexo.F,
                        null,
                        RacaCor.PARDA,
                        new Endereco("Rua Real da Torre", "1200", null, "Madalena", RECIFE, "50610000")));
        paciente(
                "cicero",
                new Pessoa(
                        "Cícero Romão Bezerra",
                        null,
                        13,
                        true,
                        LocalDate.of(1975, 3, 24),
                        Sexo.M,
                        "Damiana Bezerra",
                        RacaCor.PARDA,
                        new Endereco("Rua do Hospício", "450", null, "Boa Vista", RECIFE, "50050050")));
        // the name the patient asks to be called by (nome social), shown beside the civil name
        paciente(
                "valeria",
                new Pessoa(
                        "Marcos Vinícius Farias",
                        "Valéria Farias",
                        14,
                        true,
                        LocalDate.of(1993, 12, 1),
                        Sexo.M,
                        null,
                        RacaCor.PRETA,
                        new Endereco(
                                "Avenida Ministro Marcos Freire", "1500", null, "Bairro Novo", "Olinda", "53030000")));
        pacientes.put(
                "desconhecido",
                formularios.criar(
                        Paciente.ENTIDADE,
                        new PacienteForm(
                                null,
                                null,
                                null,
                                null,
                                true,
                                "Trazido pelo SAMU inconsciente e sem documentos; identificação pendente",
                                null,
                                Sexo.M,
                                null,
                                RacaCor.SEM_INFORMACAO,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null)));
    }

    private void paciente(String chave, Pessoa p) {
        Endereco e = p.endereco();
        PacienteForm form = new PacienteForm(
                p.nome(),
                p.nomeSocial(),
                p.comCpf() ? cpf(p.documento()) : null,
                cns(p.documento()),
                false,
                null,
                p.nascimento(),
                p.sexo(),
                p.mae(),
                p.racaCor(),
                e.logradouro(),
                e.numero(),
                e.complemento(),
                e.bairro(),
                e.municipio(),
                "PE",
                e.cep(),
                null);
        pacientes.put(chave, formularios.criar(Paciente.ENTIDADE, form));
    }

    private void internacoes() {
        Duration dia = Duration.ofDays(1);
        internar(
                "antonio",
                "UTI-04",
                antes(dia.multipliedBy(6).plusHours(3)),
                Carater.URGENCIA,
                Procedencia.DEMANDA_ESPONTANEA,
                "intensivista",
                "I63.9");
        internar(
                "sebastiao",
                "ENF-401B",
                antes(dia.multipliedBy(5).plusHours(2)),
                Carater.URGENCIA,
                Procedencia.REFERENCIADA,
                "clinica",
                "J44.1");
        internar(
                "joao",
                "UTI-01",
                antes(dia.multipliedBy(4).plusHours(7)),
                Carater.URGENCIA,
                Procedencia.DEMANDA_ESPONTANEA,
                "intensivista",
                "I21.9");
        internar(
                "edvaldo",
                "ENF-501A",
                antes(dia.multipliedBy(4)),
                Carater.ELETIVO,
                Procedencia.REFERENCIADA,
                "cirurgiao",
                "K80.2");
        internar(
                "conceicao",
                "UTI-02",
                antes(dia.multipliedBy(3).plusHours(5)),
                Carater.URGENCIA,
                Procedencia.REFERENCIADA,
                "intensivista",
                "J18.9");
        internar(
                "thais",
                "OBS-301B",
                antes(dia.multipliedBy(3)),
                Carater.URGENCIA,
                Procedencia.DEMANDA_ESPONTANEA,
                "obstetra",
                "O80");
        internar(
                "jose",
                "EMG-OBS-01",
                antes(dia.multipliedBy(2).plusHours(4)),
                Carater.URGENCIA,
                Procedencia.DEMANDA_ESPONTANEA,
                "clinica",
                "A41.9");
        internar(
                "francisca",
                "ENF-402A",
                antes(dia.multipliedBy(2)),
                Carater.URGENCIA,
                Procedencia.DEMANDA_ESPONTANEA,
                "clinica",
                "N39.0");
        internar(
                "luiza",
                "ENF-502A",
                antes(dia.plusHours(2)),
                Carater.URGENCIA,
                Procedencia.DEMANDA_ESPONTANEA,
                "cirurgiao",
                "K35.8");
        internar(
                "jessica",
                "OBS-301A",
                antes(Duration.ofHours(10)),
                Carater.URGENCIA,
                Procedencia.DEMANDA_ESPONTANEA,
                "obstetra",
                "O80");
        internar(
                "desconhecido",
                "EMG-OBS-02",
                antes(Duration.ofHours(8)),
                Carater.URGENCIA,
                Procedencia.DEMANDA_ESPONTANEA,
                "clinica",
                "S06.9");
        // an elective surgery under a health plan, in a private room
        internacoes.put(
                "iracema",
                formularios.criar(
                        Atendimento.ENTIDADE,
                        new AtendimentoForm(
                                pacientes.get("iracema"),
                                TipoAtendimento.INTERNACAO,
                                Carater.ELETIVO,
                                Procedencia.REFERENCIADA,
                                antes(Duration.ofHours(20)),
                                null,
                                leitos.get("APT-510"),
                                profissionais.get("cirurgiao"),
                                Financiamento.CONVENIO,
                                "999999",
                                "0000000000001",
                                "K40.9")));
    }

    private void internar(
            String paciente,
            String leito,
            Instant inicio,
            Carater carater,
            Procedencia procedencia,
            String responsavel,
            String cid) {
        AtendimentoForm form = new AtendimentoForm(
                pacientes.get(paciente),
                TipoAtendimento.INTERNACAO,
                carater,
                procedencia,
                inicio,
                null,
                leitos.get(leito),
                profissionais.get(responsavel),
                Financiamento.SUS,
                null,
                null,
                cid);
        internacoes.put(paciente, formularios.criar(Atendimento.ENTIDADE, form));
    }

    private void outrosAtendimentos() {
        formularios.criar(
                Atendimento.ENTIDADE,
                new AtendimentoForm(
                        pacientes.get("cicero"),
                        TipoAtendimento.URGENCIA_EMERGENCIA,
                        Carater.URGENCIA,
                        Procedencia.DEMANDA_ESPONTANEA,
                        antes(Duration.ofMinutes(40)),
                        unidades.get("EMERGENCIA"),
                        null,
                        profissionais.get("clinica"),
                        Financiamento.SUS,
                        null,
                        null,
                        "R07.4"));
        formularios.criar(
                Atendimento.ENTIDADE,
                new AtendimentoForm(
                        pacientes.get("angela"),
                        TipoAtendimento.AMBULATORIAL,
                        Carater.ELETIVO,
                        Procedencia.RETORNO,
                        antes(Duration.ofHours(1)),
                        unidades.get("AMB-CARDIO"),
                        null,
                        profissionais.get("cardiologista"),
                        Financiamento.SUS,
                        null,
                        null,
                        "I50.0"));
    }

    private void transferencias() {
        // the septic patient goes up from the emergency to the ICU; the stroke patient steps down to the ward
        formularios.criar(
                Transferencia.ENTIDADE,
                new TransferenciaForm(
                        internacoes.get("jose"),
                        leitos.get("EMG-OBS-01"),
                        leitos.get("UTI-03"),
                        antes(Duration.ofHours(36)),
                        MotivoTransferencia.MUDANCA_NIVEL_CUIDADO,
                        profissionais.get("clinica"),
                        "Vaga de UTI liberada pela regulação interna"));
        formularios.criar(
                Transferencia.ENTIDADE,
                new TransferenciaForm(
                        internacoes.get("antonio"),
                        leitos.get("UTI-04"),
                        leitos.get("ENF-401A"),
                        antes(Duration.ofHours(4)),
                        MotivoTransferencia.MUDANCA_NIVEL_CUIDADO,
                        profissionais.get("intensivista"),
                        "Estável, sem droga vasoativa: segue na enfermaria clínica"));
    }

    private void altas() {
        formularios.criar(
                Alta.ENTIDADE,
                new AltaForm(
                        internacoes.get("edvaldo"),
                        antes(Duration.ofHours(5)),
                        MotivoAlta.ALTA_CURADO,
                        profissionais.get("cirurgiao"),
                        "K80.2",
                        null,
                        "Retorno ao ambulatório de cirurgia em 15 dias"));
        formularios.criar(
                Alta.ENTIDADE,
                new AltaForm(
                        internacoes.get("thais"),
                        antes(Duration.ofHours(3)),
                        MotivoAlta.ALTA_MELHORADO,
                        profissionais.get("obstetra"),
                        "O80",
                        null,
                        null));
    }

    private void higienizacaoEBloqueio() {
        formularios.mudarStatusDoLeito(leitos.get("EMG-OBS-01"), new MudancaDeStatusForm(StatusLeito.DISPONIVEL, null));
        formularios.mudarStatusDoLeito(
                leitos.get("UTI-08"),
                new MudancaDeStatusForm(StatusLeito.BLOQUEADO, "Escala de enfermagem incompleta neste plantão"));
    }

    private Instant antes(Duration quanto) {
        return agora.minus(quanto);
    }

    private record Endereco(
            String logradouro, String numero, String complemento, String bairro, String municipio, String cep) {}

    /**
     * @param documento which sample CPF and CNS the patient gets
     * @param comCpf whether the patient has a CPF on file, besides the CNS
     */
    private record Pessoa(
            String nome,
            String nomeSocial,
            int documento,
            boolean comCpf,
            LocalDate nascimento,
            Sexo sexo,
            String mae,
            RacaCor racaCor,
            Endereco endereco) {}
}
