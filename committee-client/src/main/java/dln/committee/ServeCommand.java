package dln.committee;

import dln.core.protocol.CommitteeWorkflow;
import dln.core.role.CommitteeService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Vote on models naming this member and score every update of them, woken by the chaincode's events. "
                + "Safe to restart: each pass reads from the ledger what is left to vote on or score, so nothing is scored twice.",
        footer = {"", "Example:", "  ./dln committee serve --identity org2/User2"})
final class ServeCommand implements Callable<Integer> {

    @Mixin
    MemberOptions member;

    @Override
    public Integer call() throws Exception {
        final CommitteeWorkflow w = member.connect();
        try {
            System.out.println(member.who + ": serving");
            new CommitteeService(w, w.participant().ledger().events(), CommitteeService.Scope.everyModelNamingMe())
                    .serve(() -> true, CommitteeService.SERVE_RECHECK, r -> ReviewCommand.print(member.who, r), e -> System.err.println(member.who + ": " + e.getMessage() + "; retrying"));
        } finally {
            w.participant().close();
        }
        return 0;
    }
}
