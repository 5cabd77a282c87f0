package br.com.rhp.hospital.telas;

import java.util.Map;

/**
 * How the pages name the values of the domain's enums, in Portuguese with accents ({@code URGENCIA} →
 * "Urgência"). The option's value stays the constant the API expects; a constant without a label here
 * is shown as it is.
 */
public final class Rotulos {

    private static final Map<String, String> ROTULOS = Map.ofEntries(
            // sexo, raça/cor
            Map.entry("M", "Masculino"),
            Map.entry("F", "Feminino"),
            Map.entry("I", "Ignorado"),
            Map.entry("BRANCA", "Branca"),
            Map.entry("PRETA", "Preta"),
            Map.entry("PARDA", "Parda"),
            Map.entry("AMARELA", "Amarela"),
            Map.entry("INDIGENA", "Indígena"),
            Map.entry("SEM_INFORMACAO", "Sem informação"),
            Map.entry("NENHUM", "Nenhum"),
            // atendimento
            Map.entry("AMBULATORIAL", "Ambulatorial"),
            Map.entry("URGENCIA_EMERGENCIA", "Urgência/emergência"),
            Map.entry("OBSERVACAO", "Observação"),
            Map.entry("INTERNACAO", "Internação"),
            Map.entry("ELETIVO", "Eletivo"),
            Map.entry("URGENCIA", "Urgência"),
            Map.entry("SUS", "SUS"),
            Map.entry("CONVENIO", "Convênio"),
            Map.entry("PARTICULAR", "Particular"),
            Map.entry("DEMANDA_ESPONTANEA", "Demanda espontânea"),
            Map.entry("REFERENCIADA", "Referenciada"),
            Map.entry("TRANSFERENCIA_EXTERNA", "Transferência externa"),
            Map.entry("RETORNO", "Retorno"),
            Map.entry("ORDEM_JUDICIAL", "Ordem judicial"),
            Map.entry("MUDANCA_NIVEL_CUIDADO", "Mudança do nível de cuidado"),
            Map.entry("ISOLAMENTO", "Isolamento"),
            Map.entry("ADEQUACAO_ACOMODACAO", "Adequação da acomodação"),
            Map.entry("SOLICITACAO_PACIENTE", "Solicitação do paciente"),
            Map.entry("OUTRO", "Outro"),
            Map.entry("ALTA_CURADO", "Alta curado"),
            Map.entry("ALTA_MELHORADO", "Alta melhorado"),
            Map.entry("ALTA_INALTERADO", "Alta inalterado"),
            Map.entry("ALTA_A_PEDIDO", "Alta a pedido"),
            Map.entry("EVASAO", "Evasão"),
            Map.entry("OBITO", "Óbito"),
            Map.entry("ADMINISTRATIVA", "Administrativa"),
            // unidades e leitos
            Map.entry("ESTABELECIMENTO", "Estabelecimento"),
            Map.entry("PREDIO", "Prédio"),
            Map.entry("ALA", "Ala"),
            Map.entry("ENFERMARIA", "Enfermaria"),
            Map.entry("UTI", "UTI"),
            Map.entry("UCI", "UCI"),
            Map.entry("EMERGENCIA", "Emergência"),
            Map.entry("CENTRO_CIRURGICO", "Centro cirúrgico"),
            Map.entry("AMBULATORIO", "Ambulatório"),
            Map.entry("CLINICO", "Clínico"),
            Map.entry("CIRURGICO", "Cirúrgico"),
            Map.entry("OBSTETRICO", "Obstétrico"),
            Map.entry("PEDIATRICO", "Pediátrico"),
            Map.entry("UTI_ADULTO", "UTI adulto"),
            Map.entry("UTI_PEDIATRICA", "UTI pediátrica"),
            Map.entry("UTI_NEONATAL", "UTI neonatal"),
            Map.entry("PSIQUIATRICO", "Psiquiátrico"),
            Map.entry("HOSPITAL_DIA", "Hospital-dia"),
            Map.entry("APARTAMENTO", "Apartamento"),
            Map.entry("DISPONIVEL", "Disponível"),
            Map.entry("OCUPADO", "Ocupado"),
            Map.entry("HIGIENIZACAO", "Higienização"),
            Map.entry("RESERVADO", "Reservado"),
            Map.entry("BLOQUEADO", "Bloqueado"),
            Map.entry("MANUTENCAO", "Manutenção"),
            Map.entry("DESATIVADO", "Desativado"));

    /** The label of an enum constant, or its name when there is none. */
    public String de(Object valor) {
        String nome = valor instanceof Enum<?> e ? e.name() : String.valueOf(valor);
        return ROTULOS.getOrDefault(nome, nome);
    }
}
