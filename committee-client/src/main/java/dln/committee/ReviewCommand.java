package dln.committee;

import dln.core.protocol.CommitteeWorkflow;
import dln.core.protocol.UpdateReview;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "review", mixinStandardHelpOptions = true,
        description = "Once: vote on the model if it is proposed, then score its pending updates this member has not scored.",
        footer = {"", "Example:", "  ./dln committee review m-0123abcd... --identity org3/User2"})
final class ReviewCommand implements Callable<Integer> {

    @Mixin
    MemberOptions member;
    @Parameters(paramLabel = "MODEL")
    String modelId;

    @Override
    public Integer call() throws Exception {
        final CommitteeWorkflow w = member.connect(CommitteeWorkflow.ONE_PASS_FETCH_WAIT);
        try {
            final var model = w.participant().ledger().getModel(modelId);
            if (model.member(w.participant().identity()).isEmpty()) {
                throw new dln.core.protocol.ProtocolException("NOT_COMMITTEE_MEMBER", member.who + " is not in the committee of " + modelId
                        + "; only its members review it");
            }
            final List<UpdateReview> reviews = new dln.core.role.CommitteeService(w, w.participant().ledger().events(),
                    dln.core.role.CommitteeService.Scope.models(() -> List.of(modelId))).pass();
            reviews.forEach(r -> print(member.who, r));
            System.out.println(reviews.size() + " update(s) scored");
        } finally {
            w.participant().close();
        }
        return 0;
    }

    static void print(final String who, final UpdateReview r) {
        if (r.unavailable()) {
            System.out.printf(Locale.ROOT, "%s: recorded %s as unavailable (%s)%n", who, r.updateId(), r.reason());
            return;
        }
        System.out.printf(Locale.ROOT, "%s: scored %s  %.4f%s%n", who, r.updateId(), r.score(), r.sane() ? "" : "  (fails sanity: " + r.reason() + ")");
    }
}
