package br.com.rhp.hospital.web;

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
}
