package dln.core.attack;

import java.util.List;
import java.util.function.Function;

/**
 * The malicious providers of one session, and what they share. Informed attacks need the other
 * attackers' honest updates (or the leader's, for Sybils): the team hands each malicious provider
 * an {@link Adversary} of its own, all on one {@link Collusion}. Create one team per session and
 * attack; the attacks that act alone get independent adversaries from it just the same.
 */
public final class AttackTeam {

    private final Attack attack;
    private final int members;
    private final int providers;
    private final long seed;
    private final AttackSettings settings;
    private final Collusion collusion = new Collusion();

    private AttackTeam(final Attack attack, final int members, final int providers, final long seed, final AttackSettings settings) {
        if (providers < 1 || members < 0 || members > providers) {
            throw new IllegalArgumentException("need 0 <= attackers <= providers and providers >= 1, got " + members + " of " + providers);
        }
        this.attack = attack;
        this.members = members;
        this.providers = providers;
        this.seed = seed;
        this.settings = settings;
    }

    /** {@code members} attackers among {@code providers} providers (attackers included), with the default settings. */
    public static AttackTeam of(final Attack attack, final int members, final int providers, final long seed) {
        return of(attack, members, providers, seed, AttackSettings.DEFAULT);
    }

    public static AttackTeam of(final Attack attack, final int members, final int providers, final long seed, final AttackSettings settings) {
        return new AttackTeam(attack, members, providers, seed, settings);
    }

    /** Member {@code k}'s adversary, 0 &lt;= k &lt; members: member 0 leads a Sybil team. */
    public Adversary member(final int k) {
        if (k < 0 || k >= members) {
            throw new IllegalArgumentException("member " + k + " of a team of " + members);
        }
        if (attack == Attack.SYBIL) {
            return new Sybil(k, collusion, settings, seed);
        }
        if (attack.crafted()) {
            return new Colluder(attack, k, members, collusion, craft(), settings);
        }
        if (attack == Attack.LEDGER_NOISE) {
            return new CourseNoise();
        }
        return attack == Attack.NONE ? Adversary.honest() : new Solo(attack, settings);
    }

    /** Baruch et al.'s z for this team: how many standard deviations its ALIE update moves. */
    public double z() {
        return LittleIsEnough.z(providers, Math.max(1, members));
    }

    public Attack attack() {
        return attack;
    }

    public int members() {
        return members;
    }

    public int providers() {
        return providers;
    }

    public AttackSettings settings() {
        return settings;
    }

    private Function<List<float[]>, float[]> craft() {
        return switch (attack) {
            case ALIE, LEDGER_ALIE -> {
                final double z = z();
                yield e -> LittleIsEnough.craft(e, z);
            }
            case IPM, LEDGER_IPM -> e -> InnerProductManipulation.craft(e, settings.epsilon());
            case MIN_MAX, LEDGER_MIN_MAX -> e -> MinMax.craft(e, MinMax.Objective.MIN_MAX, settings.perturbation());
            case MIN_SUM, LEDGER_MIN_SUM -> e -> MinMax.craft(e, MinMax.Objective.MIN_SUM, settings.perturbation());
            default -> throw new IllegalStateException(attack.wire() + " crafts nothing");
        };
    }
}
