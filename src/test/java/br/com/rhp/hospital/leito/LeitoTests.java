package br.com.rhp.hospital.leito;

import static br.com.rhp.hospital.leito.StatusLeito.BLOQUEADO;
import static br.com.rhp.hospital.leito.StatusLeito.DESATIVADO;
import static br.com.rhp.hospital.leito.StatusLeito.DISPONIVEL;
import static br.com.rhp.hospital.leito.StatusLeito.HIGIENIZACAO;
import static br.com.rhp.hospital.leito.StatusLeito.MANUTENCAO;
import static br.com.rhp.hospital.leito.StatusLeito.OCUPADO;
import static br.com.rhp.hospital.leito.StatusLeito.RESERVADO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.rhp.hospital.shared.Autoria;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class LeitoTests {

    private static final Instant CRIADO = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant MUDOU = Instant.parse("2026-03-02T13:30:00Z");
    private static final Autoria CRIACAO = new Autoria("gestor", "no-1", CRIADO, CRIADO);
    private static final Autoria MUDANCA = new Autoria("higienizacao", "no-1", MUDOU, MUDOU.plusSeconds(5));

    /** The table a hospital expects, written out here independently of the code under test. */
    private static final Map<StatusLeito, Set<StatusLeito>> PERMITIDAS = Map.of(
            DISPONIVEL, EnumSet.of(RESERVADO, BLOQUEADO, MANUTENCAO, DESATIVADO),
            RESERVADO, EnumSet.of(DISPONIVEL, DESATIVADO),
            HIGIENIZACAO, EnumSet.of(DISPONIVEL, BLOQUEADO, MANUTENCAO, DESATIVADO),
            BLOQUEADO, EnumSet.of(DISPONIVEL, HIGIENIZACAO, DESATIVADO),
            MANUTENCAO, EnumSet.of(DISPONIVEL, HIGIENIZACAO, DESATIVADO),
            DESATIVADO, EnumSet.of(DISPONIVEL));

    /** A bed in {@code status}, reached the way a hospital reaches it. */
    private static Leito leitoEm(StatusLeito status) {
        Leito leito = Leito.criar(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "101-A",
                TipoLeito.CLINICO,
                Acomodacao.ENFERMARIA,
                DISPONIVEL,
                null,
                CRIACAO);
        switch (status) {
            case DISPONIVEL -> {}
            case OCUPADO -> leito.ocupar(CRIADO, CRIACAO);
            case HIGIENIZACAO -> {
                leito.ocupar(CRIADO, CRIACAO);
                leito.desocupar(CRIADO, CRIACAO);
            }
            case DESATIVADO -> leito.mudarStatus(DESATIVADO, "reforma da ala", CRIADO, CRIACAO);
            default -> leito.mudarStatus(status, "motivo inicial", CRIADO, CRIACAO);
        }
        assertThat(leito.status()).isEqualTo(status);
        return leito;
    }

    private static String motivoPara(StatusLeito novo) {
        return novo.exigeMotivo() ? "motivo de " + novo : null;
    }

    static List<Arguments> mudancasManuais() {
        List<Arguments> casos = new ArrayList<>();
        for (StatusLeito de : StatusLeito.values()) {
            for (StatusLeito para : StatusLeito.values()) {
                if (de != OCUPADO && para != OCUPADO && de != para) {
                    casos.add(Arguments.of(de, para));
                }
            }
        }
        return casos;
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("mudancasManuais")
    void followsTheManualTransitionTable(StatusLeito de, StatusLeito para) {
        Leito leito = leitoEm(de);
        if (PERMITIDAS.get(de).contains(para)) {
            leito.mudarStatus(para, motivoPara(para), MUDOU, MUDANCA);
            assertThat(leito.status()).isEqualTo(para);
            assertThat(leito.statusDesde()).isEqualTo(MUDOU);
            assertThat(leito.auditoria().atualizadoPor()).isEqualTo("higienizacao");
        } else {
            assertThatThrownBy(() -> leito.mudarStatus(para, motivoPara(para), MUDOU, MUDANCA))
                    .isExactlyInstanceOf(TransicaoDeStatusInvalida.class)
                    .hasMessageContaining(de.name())
                    .hasMessageContaining(para.name());
            assertThat(leito.status()).isEqualTo(de);
            assertThat(leito.statusDesde()).isEqualTo(CRIADO);
        }
    }

    @Test
    void publishesTheSameTableItEnforces() {
        PERMITIDAS.forEach((de, para) -> assertThat(de.destinosManuais()).isEqualTo(para));
        assertThat(OCUPADO.destinosManuais()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StatusLeito.class)
    void neverSetsOcupadoByHand(StatusLeito de) {
        Leito leito = leitoEm(de);
        assertThatThrownBy(() -> leito.mudarStatus(OCUPADO, "paciente chegou", MUDOU, MUDANCA))
                .isInstanceOf(OcupacaoManualProibida.class);
        assertThat(leito.status()).isEqualTo(de);
    }

    @ParameterizedTest
    @EnumSource(value = StatusLeito.class, names = "OCUPADO", mode = EnumSource.Mode.EXCLUDE)
    void refusesToLeaveOcupadoByHand(StatusLeito para) {
        Leito leito = leitoEm(OCUPADO);
        assertThatThrownBy(() -> leito.mudarStatus(para, motivoPara(para), MUDOU, MUDANCA))
                .isInstanceOf(LeitoOcupado.class)
                .hasMessageContaining("alta");
        assertThat(leito.status()).isEqualTo(OCUPADO);
    }

    @ParameterizedTest
    @EnumSource(value = StatusLeito.class, names = "OCUPADO", mode = EnumSource.Mode.EXCLUDE)
    void rejectsAChangeToTheCurrentStatus(StatusLeito status) {
        Leito leito = leitoEm(status);
        assertThatThrownBy(() -> leito.mudarStatus(status, motivoPara(status), MUDOU, MUDANCA))
                .isInstanceOf(StatusDoLeitoInalterado.class)
                .hasMessageContaining("já está em " + status);
        assertThat(leito.statusDesde()).isEqualTo(CRIADO);
    }

    @ParameterizedTest
    @EnumSource(
            value = StatusLeito.class,
            names = {"RESERVADO", "BLOQUEADO", "MANUTENCAO", "DESATIVADO"})
    void requiresAReasonToReserveBlockRepairOrDeactivate(StatusLeito para) {
        Leito leito = leitoEm(DISPONIVEL);
        assertThatThrownBy(() -> leito.mudarStatus(para, null, MUDOU, MUDANCA))
                .isInstanceOf(TransicaoDeStatusInvalida.class)
                .hasMessageContaining("motivo");
        assertThatThrownBy(() -> leito.mudarStatus(para, "   ", MUDOU, MUDANCA))
                .isInstanceOf(TransicaoDeStatusInvalida.class);
        assertThat(leito.status()).isEqualTo(DISPONIVEL);

        leito.mudarStatus(para, "  infiltração no teto  ", MUDOU, MUDANCA);
        assertThat(leito.statusMotivo()).isEqualTo("infiltração no teto");
    }

    @Test
    void dropsTheReasonWhenTheBedIsReleased() {
        Leito leito = leitoEm(MANUTENCAO);
        assertThat(leito.statusMotivo()).isEqualTo("motivo inicial");
        leito.mudarStatus(DISPONIVEL, "conserto feito", MUDOU, MUDANCA);
        assertThat(leito.status()).isEqualTo(DISPONIVEL);
        assertThat(leito.statusMotivo()).isNull();
    }

    @Test
    void housekeepingReleasesABedAfterDischarge() {
        Leito leito = leitoEm(DISPONIVEL);
        leito.ocupar(CRIADO, CRIACAO);
        leito.desocupar(CRIADO.plusSeconds(3600), CRIACAO);
        assertThat(leito.status()).isEqualTo(HIGIENIZACAO);

        leito.mudarStatus(DISPONIVEL, null, MUDOU, MUDANCA);
        assertThat(leito.status()).isEqualTo(DISPONIVEL);
        assertThat(leito.statusDesde()).isEqualTo(MUDOU);
    }

    @Test
    void admissionOccupiesOnlyAnAvailableOrReservedBed() {
        for (StatusLeito status : EnumSet.of(DISPONIVEL, RESERVADO)) {
            Leito leito = leitoEm(status);
            leito.ocupar(MUDOU, MUDANCA);
            assertThat(leito.status()).isEqualTo(OCUPADO);
            assertThat(leito.statusMotivo()).isNull();
        }
        for (StatusLeito status : EnumSet.of(HIGIENIZACAO, BLOQUEADO, MANUTENCAO, DESATIVADO)) {
            Leito leito = leitoEm(status);
            assertThatThrownBy(() -> leito.ocupar(MUDOU, MUDANCA)).isInstanceOf(LeitoIndisponivel.class);
        }
        Leito ocupado = leitoEm(OCUPADO);
        assertThatThrownBy(() -> ocupado.ocupar(MUDOU, MUDANCA)).isInstanceOf(LeitoOcupado.class);
    }

    @Test
    void freesOnlyAnOccupiedBed() {
        Leito leito = leitoEm(DISPONIVEL);
        assertThatThrownBy(() -> leito.desocupar(MUDOU, MUDANCA)).isInstanceOf(TransicaoDeStatusInvalida.class);
        assertThat(leito.status()).isEqualTo(DISPONIVEL);
    }

    @Test
    void isCreatedAvailableAndNeverOccupied() {
        Leito leito = Leito.criar(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "UTI-01",
                TipoLeito.UTI_ADULTO,
                Acomodacao.APARTAMENTO,
                null,
                null,
                CRIACAO);
        assertThat(leito.status()).isEqualTo(DISPONIVEL);
        assertThat(leito.statusDesde()).isEqualTo(CRIADO);
        assertThat(leito.statusMotivo()).isNull();

        assertThatThrownBy(() -> Leito.criar(
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        "UTI-02",
                        TipoLeito.UTI_ADULTO,
                        Acomodacao.APARTAMENTO,
                        OCUPADO,
                        null,
                        CRIACAO))
                .isInstanceOf(OcupacaoManualProibida.class);
        assertThatThrownBy(() -> Leito.criar(
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        "UTI-03",
                        TipoLeito.UTI_ADULTO,
                        Acomodacao.APARTAMENTO,
                        BLOQUEADO,
                        " ",
                        CRIACAO))
                .isInstanceOf(TransicaoDeStatusInvalida.class);
    }

    @Test
    void changesDescriptiveFieldsWithoutTouchingTheStatus() {
        Leito leito = leitoEm(BLOQUEADO);
        leito.alterarCadastro("102-B", TipoLeito.ISOLAMENTO, Acomodacao.APARTAMENTO, MUDANCA);
        assertThat(leito.codigo()).isEqualTo("102-B");
        assertThat(leito.tipo()).isEqualTo(TipoLeito.ISOLAMENTO);
        assertThat(leito.acomodacao()).isEqualTo(Acomodacao.APARTAMENTO);
        assertThat(leito.status()).isEqualTo(BLOQUEADO);
        assertThat(leito.statusDesde()).isEqualTo(CRIADO);
    }
}
