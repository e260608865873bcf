package dev.authsvc.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    static final String LOOPBACK_AND_BALANCER = "127\\.0\\.0\\.1|0:0:0:0:0:0:0:1|10\\.0\\.0\\.5";
    final ClientAddresses behindBalancer = new ClientAddresses(LOOPBACK_AND_BALANCER);

    @Test
    void aRequestFromATrustedProxy_isTheRightMostUntrustedAddressItReports() {
        assertThat(behindBalancer.bucketKey("10.0.0.5", List.of("203.0.113.7"))).isEqualTo("203.0.113.7");
        // The client may write anything left of what the proxy appended.
        assertThat(behindBalancer.bucketKey("10.0.0.5", List.of("198.51.100.1", "203.0.113.7")))
                .isEqualTo("203.0.113.7");
        // Proxies in a chain are skipped, each as trusted.
        assertThat(behindBalancer.bucketKey("127.0.0.1", List.of("198.51.100.1", "203.0.113.7", "10.0.0.5")))
                .isEqualTo("203.0.113.7");
    }

    @Test
    void aRequestFromAnyOtherAddress_isItsSocketAddress_whateverItsForwardedForSays() {
        assertThat(behindBalancer.bucketKey("192.0.2.44", List.of("203.0.113.7"))).isEqualTo("192.0.2.44");
        assertThat(new ClientAddresses("").bucketKey("127.0.0.1", List.of("203.0.113.7"))).isEqualTo("127.0.0.1");
    }

    @Test
    void aTrustedProxyWithoutForwardedFor_isTheClientItself() {
        assertThat(behindBalancer.bucketKey("10.0.0.5", List.of())).isEqualTo("10.0.0.5");
    }

    @Test
    void somethingThatIsNoAddress_countsAgainstTheNearestTrustedHop_neverAsAFreshBucket() {
        assertThat(behindBalancer.bucketKey("10.0.0.5", List.of("unknown"))).isEqualTo("10.0.0.5");
        assertThat(behindBalancer.bucketKey("10.0.0.5", List.of("203.0.113.7", "999.1.1.1"))).isEqualTo("10.0.0.5");
        assertThat(behindBalancer.bucketKey("10.0.0.5", List.of("example.com"))).isEqualTo("10.0.0.5");
    }

    @Test
    void portsAndBrackets_nameTheHost() {
        assertThat(behindBalancer.bucketKey("10.0.0.5", List.of("203.0.113.7:51234"))).isEqualTo("203.0.113.7");
        assertThat(behindBalancer.bucketKey("10.0.0.5", List.of("[2001:db8:1:2::7]:443")))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
    }

    @Test
    void ipv6Clients_areBucketedPerSlash64_andIpv4ClientsPerAddress() {
        assertThat(behindBalancer.bucketKey("10.0.0.5", List.of("2001:db8:1:2::1")))
                .isEqualTo(behindBalancer.bucketKey("10.0.0.5", List.of("2001:db8:1:2:ffff:eeee:dddd:cccc")))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(behindBalancer.bucketKey("10.0.0.5", List.of("2001:db8:1:3::1"))).isEqualTo("2001:db8:1:3:0:0:0:0/64");
        assertThat(behindBalancer.bucketKey("2001:db8:aa:bb:1:2:3:4", List.of())).isEqualTo("2001:db8:aa:bb:0:0:0:0/64");
        assertThat(behindBalancer.bucketKey("10.0.0.5", List.of("203.0.113.7")))
                .isNotEqualTo(behindBalancer.bucketKey("10.0.0.5", List.of("203.0.113.8")));
    }

    @Test
    void anIpv4MappedIpv6Address_isTheIpv4Client() {
        assertThat(behindBalancer.bucketKey("10.0.0.5", List.of("::ffff:203.0.113.7"))).isEqualTo("203.0.113.7");
    }
}
