package io.sentinel.notifier.channel;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Every configured channel, of every type; a delivery names the one it goes to. */
public final class Channels {

    private final List<Channel> channels;

    public Channels(List<? extends Channel> channels) {
        this.channels = List.copyOf(channels);
        Set<String> names = new HashSet<>();
        for (Channel channel : this.channels) {
            if (!names.add(channel.name())) {
                throw new IllegalArgumentException("two channels are named '" + channel.name()
                        + "'; a name identifies one channel, whatever its type (webhook, ...)");
            }
        }
    }

    public List<Channel> all() {
        return channels;
    }

    public Optional<Channel> find(String name) {
        return channels.stream().filter(channel -> channel.name().equals(name)).findFirst();
    }
}
