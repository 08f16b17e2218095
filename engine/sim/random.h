// Random streams. Each stream is derived from (seed, replication, stream id)
// alone, never from thread or process identity, so a replication is the same
// whatever runs it; each mechanism draws from its own stream so that turning
// one off does not reshuffle the others (common random numbers).
// Engines and distributions are Boost.Random's, whose output is fixed across
// platforms (unlike std::'s distributions).
#pragma once
#include <boost/random/binomial_distribution.hpp>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <cmath>
#include <cstdint>

namespace wfsim::engine {

// SplitMix64 finaliser: a strong 64-bit mix used to combine the identifiers.
inline std::uint64_t mix64(std::uint64_t z) {
    z += 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

inline std::uint64_t stream_key(std::uint64_t seed, std::uint64_t replication, std::uint64_t stream) {
    return mix64(mix64(mix64(seed) ^ replication) ^ (stream * 0xD1B54A32D192ED03ull));
}

class Stream {
public:
    using Engine = boost::random::mt19937_64;
    Stream() = default;
    Stream(std::uint64_t seed, std::uint64_t replication, std::uint64_t stream)
        : engine_(stream_key(seed, replication, stream)) {}

    double uniform() { return boost::random::uniform_01<double>()(engine_); }
    // An exponential with the given rate (mean 1/rate); rate must be > 0.
    double exponential(double rate = 1.0) { return boost::random::exponential_distribution<double>(rate)(engine_); }
    bool bernoulli(double p) { return p >= 1.0 || (p > 0.0 && uniform() < p); }
    double normal(double mean, double sd) { return boost::random::normal_distribution<double>(mean, sd)(engine_); }
    long poisson(double mean) { return mean <= 0 ? 0 : boost::random::poisson_distribution<long, double>(mean)(engine_); }
    long binomial(long n, double p) {
        if (n <= 0 || p <= 0) return 0;
        if (p >= 1) return n;
        return boost::random::binomial_distribution<long, double>(n, p)(engine_);
    }
    Engine& engine() { return engine_; }

private:
    Engine engine_;
};

// A light stream of its own for each of many entities (a post, a person),
// keyed by (seed, replication, stream id, index): an entity's draws then do
// not depend on how many draws the entities before it took, so changing a
// rate that lengthens one entity's loop of draws leaves every other entity's
// draws as they were (common random numbers across nearby parameter values,
// which calibration's fits and paired comparisons rely on). SplitMix64 is
// cheap to seed, unlike the Mersenne Twister, and ample for a few draws.
class EntityStream {
public:
    EntityStream(std::uint64_t seed, std::uint64_t replication, std::uint64_t stream, std::uint64_t index)
        : state_(mix64(stream_key(seed, replication, stream) ^ mix64(index))) {}
    double uniform() {  // in [0, 1)
        state_ += 0x9E3779B97F4A7C15ull;
        std::uint64_t z = state_;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return static_cast<double>((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
    }
    double exponential(double rate) { return -std::log1p(-uniform()) / rate; }
    bool bernoulli(double p) { return p >= 1.0 || (p > 0.0 && uniform() < p); }

private:
    std::uint64_t state_;
};

}  // namespace wfsim::engine
