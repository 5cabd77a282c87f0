package br.com.rhp.hospital.web;

import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import java.lang.annotation.ElementType;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Spring MVC settings shared by every resource. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final ParametrosDePaginacao paginacao;

    WebConfiguration(ParametrosDePaginacao paginacao) {
        this.paginacao = paginacao;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(paginacao).addPathPatterns("/api/**");
    }

    /**
     * Every property of a form is validated. With JPA on the class path, Hibernate Validator otherwise asks
     * the persistence provider, for each property of each form, whether it is loaded (lazy JPA
     * associations are skipped): about 2.5% of a request's CPU in the benchmark's profile, for forms that
     * are plain records, never entities (entities are not validated: see application.properties).
     */
    @Bean
    ValidationConfigurationCustomizer formulariosNaoSaoEntidades() {
        return configuration -> configuration.traversableResolver(new TraversableResolver() {
            @Override
            public boolean isReachable(
                    Object bean, Path.Node property, Class<?> rootBeanType, Path pathToBean, ElementType type) {
                return true;
            }

            @Override
            public boolean isCascadable(
                    Object bean, Path.Node property, Class<?> rootBeanType, Path pathToBean, ElementType type) {
                return true;
            }
        });
    }
}
