package dev.switchyard.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which Host headers address the dashboard, however it listens. */
class HostCheckTest {
    @Test
    void shouldAllowLoopbackNames_andRefuseOthers_onLoopback() throws Exception {
        HostCheck check = new HostCheck(InetAddress.getByName("127.0.0.1"), Set.of());

        assertThat(check.allows("localhost:8080")).isTrue();
        assertThat(check.allows("LOCALHOST")).isTrue();
        assertThat(check.allows("127.0.0.1:8080")).isTrue();
        assertThat(check.allows("[::1]:8080")).isTrue();
        assertThat(check.allows("[0:0:0:0:0:0:0:1]:8080")).isTrue();
        assertThat(check.allows("attacker.example:8080")).isFalse();
        assertThat(check.allows("localhost.attacker.example")).isFalse();
        assertThat(check.allows("10.1.2.3:8080")).isFalse();
        assertThat(check.allows("")).isFalse();
        assertThat(check.allows(null)).isFalse();
    }

    @Test
    void shouldAllowTheAddressItListensOn() throws Exception {
        HostCheck check = new HostCheck(InetAddress.getByName("127.0.0.2"), Set.of());

        assertThat(check.allows("127.0.0.2:35459")).isTrue();
    }

    @Test
    void shouldAllowNamesGiven_andStillRefuseOthers_onAWildcardAddress() throws Exception {
        HostCheck check = new HostCheck(InetAddress.getByName("0.0.0.0"), Set.of("Dashboard.Example.Com"));

        assertThat(check.allows("dashboard.example.com:8080")).isTrue();
        assertThat(check.allows("localhost:8080")).isTrue();
        assertThat(check.allows("attacker.example:8080")).isFalse();
        assertThat(check.allows(InetAddress.getLocalHost().getHostName() + ":8080"))
                .isTrue();
    }
}
