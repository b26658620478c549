package io.sentinel.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.notifier.notification.NotificationKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelsTest {

    @Test
    void findsAChannelByItsName() {
        Channels channels = new Channels(List.of(channel("ops"), channel("pager")));

        assertThat(channels.find("pager")).map(Channel::name).contains("pager");
        assertThat(channels.find("gone")).isEmpty();
        assertThat(channels.all()).extracting(Channel::name).containsExactly("ops", "pager");
    }

    @Test
    void aNameIdentifiesOneChannelWhateverItsType() {
        assertThatThrownBy(() -> new Channels(List.of(channel("ops"), channel("ops"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("two channels are named 'ops'");
    }

    private static Channel channel(String name) {
        return new Channel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean wants(NotificationKind kind) {
                return true;
            }

            @Override
            public SendResult send(ChannelMessage message) {
                return new SendResult.Delivered("ok");
            }
        };
    }
}
