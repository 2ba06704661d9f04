package io.github.sentineldrill.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small Spring Boot service that keeps orders in Redis: through Sentinel (profile {@code sentinel}) or on a Redis
 * Cluster (profile {@code cluster}); see application.properties.
 */
@SpringBootApplication
public class OrdersApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args);
    }
}
