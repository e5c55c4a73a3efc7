package hotline.app.security;

import hotline.app.web.ProblemResponses;
import hotline.app.web.ProblemType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * Every API requires a role. Browsers log in with a form and keep a session (CSRF protected as a
 * single-page app); machine clients (12345 platform, channel gateway, ops CLI, tests) use HTTP Basic.
 * Unauthenticated API calls get a 401 problem, never a redirect to the login page.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ProblemResponses problems) throws Exception {
        RequestMatcher api = pathPattern("/api/**");
        RequestMatcher basicAuthClient = request -> {
            String auth = request.getHeader("Authorization");
            return auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6);
        };
        AuthenticationEntryPoint apiEntryPoint = (request, response, e) ->
                problems.write(response, HttpStatus.UNAUTHORIZED, ProblemType.UNAUTHENTICATED,
                        "log in first (form login for the desk, HTTP Basic for API clients)");
        AccessDeniedHandler apiDenied = (request, response, e) ->
                problems.write(response, HttpStatus.FORBIDDEN, ProblemType.NOT_PERMITTED,
                        "your role does not allow this request");

        http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .requestMatchers("/actuator/**").hasRole("OPS")
                        .requestMatchers("/login", "/login.css", "/favicon.ico", "/error").permitAll()
                        .requestMatchers("/api/platform12345/**", "/api/channels/**").hasRole("INTEGRATION")
                        .requestMatchers(HttpMethod.GET, "/api/me", "/api/site").authenticated()
                        // drill evidence: ops record it; the project lead and auditors read it (either site)
                        .requestMatchers(HttpMethod.GET, "/api/ops/drills", "/api/ops/drills/**")
                            .hasAnyRole("OPS", "LEAD", "AUDITOR")
                        .requestMatchers("/api/ops/**").hasRole("OPS")
                        .requestMatchers("/api/drafts/**", "/api/drafts").hasAnyRole("AGENT", "LEAD", "DEPARTMENT")
                        .requestMatchers(HttpMethod.GET, "/api/tickets/**", "/api/departments/**",
                                "/api/knowledge/**").hasAnyRole("AGENT", "LEAD", "AUDITOR", "DEPARTMENT")
                        .requestMatchers("/api/tickets/**").hasAnyRole("AGENT", "LEAD", "DEPARTMENT")
                        .requestMatchers("/api/knowledge/**").hasRole("LEAD")
                        .requestMatchers("/api/seats/**", "/api/contacts/**", "/api/calls/**", "/api/recordings/**",
                                "/api/queue/**").hasAnyRole("AGENT", "LEAD")
                        .requestMatchers("/api/telephony/**").hasAnyRole("LEAD", "OPS")
                        // running the hotline (issue 7): the lead plans and inspects; auditors read figures;
                        // agents see the roster, their own inspections, and record attendance and handovers;
                        // ops (the failover seat switch) reads the backup-seat plan
                        .requestMatchers(HttpMethod.GET, "/api/kpis/**", "/api/reports/**", "/api/mass-complaints/**")
                            .hasAnyRole("LEAD", "AUDITOR")
                        .requestMatchers(HttpMethod.GET, "/api/roster/backup-seats").hasAnyRole("LEAD", "OPS", "AGENT")
                        .requestMatchers(HttpMethod.GET, "/api/roster/**").hasAnyRole("LEAD", "AGENT", "AUDITOR")
                        .requestMatchers(HttpMethod.POST, "/api/roster/attendance", "/api/roster/handovers")
                            .hasAnyRole("LEAD", "AGENT")
                        .requestMatchers("/api/quality/mine", "/api/quality/form", "/api/quality/inspections/*/acknowledge")
                            .hasAnyRole("LEAD", "AGENT")
                        .requestMatchers("/api/kpis/**", "/api/reports/**", "/api/mass-complaints/**", "/api/quality/**",
                                "/api/roster/**").hasRole("LEAD")
                        .requestMatchers("/api/**").hasAnyRole("LEAD", "OPS")
                        .anyRequest().authenticated())
                .formLogin(form -> form.defaultSuccessUrl("/", true).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(apiEntryPoint))
                .csrf(csrf -> csrf.spa().ignoringRequestMatchers(basicAuthClient))
                .exceptionHandling(ex -> ex
                        .defaultAuthenticationEntryPointFor(apiEntryPoint, api)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                request -> true)
                        .defaultAccessDeniedHandlerFor(apiDenied, api))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }
}
