package io.escalation.obs.examples.spring;

import io.escalation.obs.examples.HostedService;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The API of {@link HostedService#ROUTES}, one mapping per route template, every method: Spring MVC's observation
 * carries the template, so obs's {@code http_requests_total} shows the same {@code endpoint} values as the plain
 * example's, and the API answers a wrong method itself (405) as the plain example does.
 */
@RestController
class ApiController {

    private final HostedService service;

    ApiController(HostedService service) {
        this.service = service;
    }

    @RequestMapping("/api/v1/campaigns")
    ResponseEntity<String> campaigns(HttpServletRequest request) throws IOException {
        return answer(request);
    }

    @RequestMapping("/api/v1/campaigns/{id}")
    ResponseEntity<String> campaign(HttpServletRequest request) throws IOException {
        return answer(request);
    }

    @RequestMapping("/api/v1/campaigns/{id}/tasks")
    ResponseEntity<String> tasks(HttpServletRequest request) throws IOException {
        return answer(request);
    }

    @RequestMapping("/api/v1/campaigns/{id}/finish")
    ResponseEntity<String> finish(HttpServletRequest request) throws IOException {
        return answer(request);
    }

    @RequestMapping("/api/v1/tasks/{id}/run")
    ResponseEntity<String> run(HttpServletRequest request) throws IOException {
        return answer(request);
    }

    @RequestMapping("/api/v1/payments")
    ResponseEntity<String> payments(HttpServletRequest request) throws IOException {
        return answer(request);
    }

    @RequestMapping("/api/v1/auth/login")
    ResponseEntity<String> login(HttpServletRequest request) throws IOException {
        return answer(request);
    }

    @RequestMapping("/api/v1/auth/logout")
    ResponseEntity<String> logout(HttpServletRequest request) throws IOException {
        return answer(request);
    }

    private ResponseEntity<String> answer(HttpServletRequest request) throws IOException {
        String body;
        try (InputStream in = request.getInputStream()) { // the raw form: the API parses it as the plain example does
            body = new String(in.readNBytes(16_384), StandardCharsets.UTF_8);
        }
        String query = request.getQueryString();
        URI uri = URI.create(request.getRequestURI() + (query == null ? "" : "?" + query));
        HostedService.Response response = service.answer(request.getMethod(), uri, body, request::getHeader);
        return ResponseEntity.status(response.status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(response.body());
    }
}
