package io.incident.views.flame;

/** Profiles shaped like a small Go HTTP service, for the UI test and its snapshots. */
final class DemoProfiles {
    static final long MS = 1_000_000;
    private DemoProfiles() {
    }

    static ProfileFixture service(int jsonWeight, int gcWeight) {
        String serve = "runtime.goexit;net/http.(*conn).serve;net/http.serverHandler.ServeHTTP;"
                + "net/http.(*ServeMux).ServeHTTP;main.(*api).handleOrders";
        return new ScaledFixture()
                .add(serve + ";encoding/json.Marshal;encoding/json.(*encodeState).marshal;"
                        + "encoding/json.(*encodeState).reflectValue;encoding/json.structEncoder.encode", 1,
                        jsonWeight * 10L)
                .add(serve + ";encoding/json.Marshal;runtime.mallocgc", 1, jsonWeight * 3L)
                .add(serve + ";main.(*store).Query;database/sql.(*DB).QueryContext;"
                        + "database/sql.(*DB).query;github.com/lib/pq.(*conn).query", 1, 420)
                .add(serve + ";main.(*store).Query;main.parseRow;strconv.ParseInt", 1, 130)
                .add(serve + ";main.(*store).Query;main.parseRow;<script>alert(1)</script>", 1, 40)
                .add(serve + ";net/http.(*response).Write;bufio.(*Writer).Flush;net.(*conn).Write;"
                        + "syscall.Syscall", 1, 260)
                .add("runtime.goexit;runtime.gcBgMarkWorker;runtime.gcDrain;runtime.scanobject", 1, gcWeight * 10L)
                .add("runtime.goexit;runtime.gcBgMarkWorker;runtime.gcDrain;runtime.markroot", 1, gcWeight * 3L)
                .add("runtime.mcall;runtime.park_m;runtime.schedule;runtime.findrunnable;runtime.netpoll", 1, 90)
                .add("runtime.mcall;runtime.park_m;runtime.schedule;runtime.findrunnable", 1, 25)
                .add("runtime.goexit;net/http.(*conn).serve;main.tiny1", 1, 1)
                .add("runtime.goexit;net/http.(*conn).serve;main.tiny2", 1, 1)
                .add("runtime.goexit;net/http.(*conn).serve;main.tiny3", 1, 1).p;
    }

    /** Every sample's second value (cpu) is in milliseconds of the nanosecond unit, so the status reads naturally. */
    private static final class ScaledFixture {
        private final ProfileFixture p = ProfileFixture.cpu();

        ScaledFixture add(String stack, long samples, long cpuMillis) {
            p.add(stack, samples, cpuMillis * MS);
            return this;
        }
    }

    static FlameProfile profile(ProfileFixture p) {
        return new FlameProfile(p.source(), p.track());
    }
}
