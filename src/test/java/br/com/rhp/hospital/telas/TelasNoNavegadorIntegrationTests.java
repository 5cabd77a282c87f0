package br.com.rhp.hospital.telas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import br.com.rhp.hospital.database.DatabaseCircuit;
import br.com.rhp.hospital.database.SchemaMigrations;
import br.com.rhp.hospital.support.Ids;
import br.com.rhp.hospital.support.ProxiedPostgresInitializer;
import br.com.rhp.hospital.support.TcpProxy;
import br.com.rhp.hospital.support.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * The staff's pages in Debian's headless Chromium, on the whole application with PostgreSQL behind a
 * proxy the test cuts: a receptionist logs in, registers a unit, a bed and a patient, admits the patient
 * and sees the bed occupied on the map; with the database cut, a form is "saved on this computer" with
 * a receipt that turns APPLIED once the database is back.
 *
 * <p>Needs {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} ({@code scripts/install-test-deps.sh}):
 * skipped without them on a developer's machine, failed without them in CI ({@code CI=true}). Screenshots
 * go to {@code target/screenshots}, or to the folder named by {@code -Dtelas.screenshots=docs/screenshots}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = ProxiedPostgresInitializer.class)
@EnabledIfSystemProperty(named = "hospital.test.engine", matches = "postgresql")
@TestPropertySource(
        properties = {
            "HOSPITAL_ADMIN_USER=recepcao.admin",
            "HOSPITAL_ADMIN_PASSWORD=senha-de-teste-123",
            "REPLAY_ON_RECOVERY=true",
            // a loaded machine must not turn a slow first write into a staged one: only the cut stages
            "test.proxy.write-timeout=PT20S"
        })
class TelasNoNavegadorIntegrationTests {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration ESPERA = Duration.ofSeconds(30);

    @TempDir
    static Path perfil;

    static WebDriver navegador;

    @LocalServerPort
    int porta;

    @Autowired
    TcpProxy proxy;

    @Autowired
    DatabaseCircuit circuit;

    @Autowired
    SchemaMigrations schema;

    @Autowired
    TestDatabase.Database banco;

    @BeforeAll
    static void abreONavegador() {
        boolean instalado = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!instalado && System.getenv("CI") == null) {
            Assumptions.abort("Chromium ou chromedriver ausente: rode scripts/install-test-deps.sh (como root)"
                    + " para os testes no navegador");
        }
        assertThat(instalado)
                .as("CI needs /usr/bin/chromium and /usr/bin/chromedriver: scripts/install-test-deps.sh installs them")
                .isTrue();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1366,768",
                "--lang=pt-BR",
                "--user-data-dir=" + perfil.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        navegador = new ChromeDriver(service, options);
        navegador.manage().timeouts().pageLoadTimeout(ESPERA);
    }

    @AfterAll
    static void fechaONavegador() {
        if (navegador != null) {
            navegador.quit();
        }
    }

    @AfterEach
    void restauraOBanco() {
        proxy.forward();
    }

    @Test
    void aReceptionistAdmitsAPatientSeesTheBedOccupiedAndAFormSavedLocallyDuringAnOutageIsAppliedLater()
            throws Exception {
        // the node starts before its database is migrated: until then a form would be staged, not saved
        await().atMost(Duration.ofSeconds(60)).until(() -> schema.ready() && !circuit.isOpen());

        // login
        abrir("/telas");
        assertThat(navegador.getCurrentUrl()).endsWith("/login");
        foto("login");
        preencher("username", "recepcao.admin");
        preencher("password", "senha-de-teste-123");
        navegador.findElement(By.cssSelector("button[type=submit]")).click();
        esperar().until(ExpectedConditions.urlContains("/telas"));
        foto("inicio");

        // a unit and a bed, through their forms
        String codigoUnidade = Ids.codigo("ENF");
        abrir("/telas/unidades/nova");
        preencher("codigo", codigoUnidade);
        preencher("nome", "Enfermaria Santa Luzia");
        escolher("tipo", "ENFERMARIA");
        navegador.findElement(By.id("aceita_internacao")).click();
        enviarEEsperar("Salvo no banco central.");

        abrir("/telas/leitos/novo");
        escolherQuandoHouver("unidade_id", codigoUnidade);
        preencher("codigo", "101");
        escolher("tipo", "CLINICO");
        escolher("acomodacao", "ENFERMARIA");
        foto("leito");
        enviarEEsperar("Salvo no banco central.");

        // a field error from the API's problem details, beside its field
        abrir("/telas/pacientes/novo");
        preencher("nome", "Maria José da Silva");
        preencher("cpf", "111.111.111-11");
        preencher("data_nascimento", "12031971");
        escolher("sexo", "F");
        enviar();
        WebElement erroCpf = esperar().until(ExpectedConditions.visibilityOfElementLocated(By.id("erro-cpf")));
        assertThat(erroCpf.getText()).isNotBlank();
        assertThat(navegador.findElement(By.id("cpf")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        foto("paciente-erro");

        // the patient, sent with a double click: one record
        String cpf = Ids.cpf();
        abrir("/telas/pacientes/novo");
        preencher("nome", "Maria José da Silva");
        preencher("cpf", cpf);
        preencher("data_nascimento", "12031971");
        escolher("sexo", "F");
        new Actions(navegador)
                .doubleClick(navegador.findElement(By.cssSelector("form.formulario button[type=submit]")))
                .perform();
        esperar()
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("situacao"), "Salvo no banco central."));
        assertThat(pacientesComCpf(cpf)).isEqualTo(1);

        abrir("/telas/internacao");
        preencher("busca_paciente", cpf);
        esperar()
                .until(d -> !new Select(d.findElement(By.id("paciente_id")))
                        .getFirstSelectedOption()
                        .getAttribute("value")
                        .isEmpty());
        escolher("tipo", "INTERNACAO");
        escolher("carater", "URGENCIA");
        escolher("procedencia", "DEMANDA_ESPONTANEA");
        escolherQuandoHouver("leito_id", codigoUnidade + " / leito 101");
        escolher("financiamento", "SUS");
        foto("internacao");
        enviarEEsperar("Salvo no banco central.");

        // the bed map: occupied, by colour and by text, with who and since when
        abrir("/telas/mapa");
        escolherQuandoHouver("unidade", codigoUnidade);
        navegador
                .findElement(By.cssSelector("#filtro-mapa button[type=submit]"))
                .click();
        WebElement leito = esperar()
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#mapa li[data-leito='101']")));
        assertThat(leito.getAttribute("data-status")).isEqualTo("OCUPADO");
        assertThat(leito.getAttribute("class")).contains("status-OCUPADO");
        assertThat(leito.getText()).containsIgnoringCase("ocupado").contains("Maria José da Silva", "desde");
        foto("mapa-de-leitos");

        // the database goes away: the form is saved on this computer, with a receipt
        proxy.refuse();
        abrir("/telas/pacientes/novo");
        preencher("nome", "João Batista Cavalcanti");
        preencher("cpf", Ids.cpf());
        preencher("data_nascimento", "05111948");
        escolher("sexo", "M");
        enviarEEsperar("Salvo neste computador; será enviado ao banco central.");
        WebElement situacao = navegador.findElement(By.id("situacao"));
        assertThat(situacao.getText()).contains("Recibo:", "PENDING");
        foto("salvo-neste-computador");

        // an administrator sees it on the staging dashboard, in another tab
        String formulario = navegador.getWindowHandle();
        navegador.switchTo().newWindow(WindowType.TAB);
        abrir("/telas/staging");
        esperar()
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("table[data-area=pending] tbody"), "paciente"));
        assertThat(navegador.findElement(By.id("resumo-staging")).getText()).contains("Indisponível");
        foto("staging");
        navegador.close();
        navegador.switchTo().window(formulario);

        // the database comes back: the replay applies it, and the page says so
        proxy.forward();
        await().atMost(ESPERA).until(() -> !circuit.isOpen());
        new WebDriverWait(navegador, Duration.ofSeconds(90))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("situacao"), "APPLIED"));
        assertThat(navegador.findElement(By.id("situacao")).getText()).contains("Enviado ao banco central");
        foto("recibo-aplicado");
    }

    private long pacientesComCpf(String cpf) throws Exception {
        try (Connection c = banco.connect();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM paciente WHERE cpf = ?")) {
            s.setString(1, cpf);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private void abrir(String caminho) {
        navegador.get("http://localhost:" + porta + caminho);
    }

    private WebDriverWait esperar() {
        return new WebDriverWait(navegador, ESPERA);
    }

    private void preencher(String id, String valor) {
        WebElement campo = esperar().until(ExpectedConditions.elementToBeClickable(By.id(id)));
        campo.clear();
        campo.sendKeys(valor);
    }

    private void escolher(String id, String valor) {
        new Select(navegador.findElement(By.id(id))).selectByValue(valor);
    }

    /** Picks the option whose text contains {@code texto}, once the page has loaded it from the API. */
    private void escolherQuandoHouver(String id, String texto) {
        esperar().until(d -> {
            Select select = new Select(d.findElement(By.id(id)));
            List<WebElement> opcoes = select.getOptions();
            for (WebElement opcao : opcoes) {
                if (opcao.getText().contains(texto)) {
                    select.selectByVisibleText(opcao.getText());
                    return true;
                }
            }
            return false;
        });
    }

    private void enviar() {
        navegador
                .findElement(By.cssSelector("form.formulario button[type=submit]"))
                .click();
    }

    private void enviarEEsperar(String mensagem) {
        enviar();
        esperar().until(ExpectedConditions.textToBePresentInElementLocated(By.id("situacao"), mensagem));
    }

    private void foto(String nome) throws IOException {
        File png = ((TakesScreenshot) navegador).getScreenshotAs(OutputType.FILE);
        Path pasta = Path.of(System.getProperty("telas.screenshots", "target/screenshots"));
        Files.createDirectories(pasta);
        Files.copy(png.toPath(), pasta.resolve(nome + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
