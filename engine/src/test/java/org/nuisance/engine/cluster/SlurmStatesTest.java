package org.nuisance.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.cluster.SlurmStates.Key;
import org.nuisance.engine.cluster.SlurmStates.State;

/**
 * Parsing of squeue, sacct and scontrol answers. The samples are typed in the documented formats (squeue
 * {@code --format=%i|%T|%r} with {@code --array}; sacct {@code --parsable2}; scontrol show job) and match
 * what Debian's Slurm 22.05 printed for a 3-task array on a one-node cluster.
 */
class SlurmStatesTest {

    @Test
    void squeueArrayTasksOneLineEachOrStillGroupedWhilePending() {
        Map<Key, State> s = SlurmStates.parseSqueue("""
                1234_0|RUNNING|None
                1234_1|RUNNING|None
                1234_[2-5%2]|PENDING|JobArrayTaskLimit
                1240|PENDING|Dependency
                """);
        assertEquals(new State("RUNNING", "", ""), s.get(new Key("1234", 0)));
        for (int t = 2; t <= 5; t++) {
            assertEquals(new State("PENDING", "JobArrayTaskLimit", ""), s.get(new Key("1234", t)));
        }
        assertEquals("Dependency", s.get(new Key("1240", -1)).reason());
        assertEquals(7, s.size());
    }

    @Test
    void sacctSkipsStepsAndReadsCancelledByUser() {
        Map<Key, State> s = SlurmStates.parseSacct("""
                1234_0|COMPLETED|0:0
                1234_0.batch|COMPLETED|0:0
                1234_1|FAILED|1:0
                1234_1.batch|FAILED|1:0
                1234_2|CANCELLED by 1000|0:15
                1234_[3,5-6]|PENDING|0:0
                1240|PENDING|0:0
                """);
        assertEquals(new State("COMPLETED", "", "0:0"), s.get(new Key("1234", 0)));
        State failed = s.get(new Key("1234", 1));
        assertTrue(failed.failed());
        assertEquals("1:0", failed.exitCode());
        assertEquals(new State("CANCELLED", "by 1000", "0:15"), s.get(new Key("1234", 2)));
        assertTrue(s.containsKey(new Key("1234", 3)) && s.containsKey(new Key("1234", 5)) && s.containsKey(new Key("1234", 6)));
        assertFalse(s.containsKey(new Key("1234", 4)));
        assertFalse(s.get(new Key("1240", -1)).finished());
    }

    @Test
    void scontrolRecordsGiveEachArrayTaskItsStateAndExitCode() {
        String multi = """
                JobId=1 ArrayJobId=1 ArrayTaskId=2 JobName=t.sh
                   UserId=root(0) GroupId=root(0) MCS_label=N/A
                   JobState=FAILED Reason=NonZeroExitCode Dependency=(null)
                   Requeue=1 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=2:0
                   StdOut=/tmp/t-2.log

                JobId=3 ArrayJobId=1 ArrayTaskId=1 JobName=t.sh
                   JobState=RUNNING Reason=None Dependency=(null)
                   ExitCode=0:0

                JobId=2 ArrayJobId=1 ArrayTaskId=0 JobName=t.sh
                   JobState=COMPLETED Reason=None Dependency=(null)
                   ExitCode=0:0

                JobId=5 JobName=t-merge
                   JobState=PENDING Reason=Dependency Dependency=afterok:1_*(unfulfilled)
                   ExitCode=0:0
                """;
        Map<Key, State> s = SlurmStates.parseScontrol(multi);
        assertEquals(new State("FAILED", "NonZeroExitCode", "2:0"), s.get(new Key("1", 2)));
        assertEquals(new State("RUNNING", "", "0:0"), s.get(new Key("1", 1)));
        assertEquals(new State("COMPLETED", "", "0:0"), s.get(new Key("1", 0)));
        assertEquals(new State("PENDING", "Dependency", "0:0"), s.get(new Key("5", -1)));
        assertEquals(4, s.size());
    }

    @Test
    void scontrolOneLinerAndPendingTaskRanges() {
        Map<Key, State> s = SlurmStates.parseScontrol(
                "JobId=7 ArrayJobId=7 ArrayTaskId=1-3 JobName=x JobState=PENDING Reason=Resources ExitCode=0:0\n"
                        + "JobId=8 ArrayJobId=7 ArrayTaskId=0 JobName=x JobState=COMPLETED Reason=None ExitCode=0:0\n");
        assertEquals("COMPLETED", s.get(new Key("7", 0)).state());
        for (int t = 1; t <= 3; t++) {
            assertEquals(new State("PENDING", "Resources", "0:0"), s.get(new Key("7", t)));
        }
    }
}
