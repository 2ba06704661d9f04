package io.github.sentineldrill.examples.springboot;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;

import java.util.Optional;

/** The service's Redis code, plain Spring Data Redis: it knows nothing of Sentinel, Redis Cluster or tests. */
@Service
public class OrderService {

    private final StringRedisTemplate redis;

    public OrderService(StringRedisTemplate redis) {
        this.redis = redis;
    }

    public void placeOrder(String orderId, String cart) {
        redis.opsForValue().set("order:" + orderId, cart);
    }

    public Optional<String> order(String orderId) {
        return Optional.ofNullable(redis.opsForValue().get("order:" + orderId));
    }
}
