using Medulla.Heart.Tests.Support;

namespace Medulla.Heart.Tests.Engine;

public class HeartEngineTests
{
    private readonly ManualTime _clock = new();

    private HeartEngine Engine(int heartbeat = 60, int initTimeout = 0, int grace = 0) => new(new HeartSettings
    {
        HeartbeatTimeout = TimeSpan.FromSeconds(heartbeat),
        InitHandshakeTimeout = TimeSpan.FromSeconds(initTimeout),
        InitGraceTime = TimeSpan.FromSeconds(grace),
    }, _clock);

    [Fact]
    public void The_heartbeat_times_out_exactly_one_timeout_after_the_start_without_beats()
    {
        HeartEngine engine = Engine(heartbeat: 11);
        engine.SetWatchdogTimeout(null);

        _clock.Advance(TimeSpan.FromSeconds(10.999));
        Assert.Equal(HeartVerdict.Alive, engine.Check());
        _clock.Advance(TimeSpan.FromSeconds(0.001));
        Assert.Equal(HeartVerdict.HeartbeatTimedOut, engine.Check());
    }

    [Fact]
    public void A_beat_restarts_the_timeout()
    {
        HeartEngine engine = Engine(heartbeat: 11);
        engine.SetWatchdogTimeout(null);

        _clock.Advance(TimeSpan.FromSeconds(10));
        engine.Beat();
        _clock.Advance(TimeSpan.FromSeconds(10.5));

        Assert.Equal(HeartVerdict.Alive, engine.Check());
        Assert.Equal(TimeSpan.FromSeconds(0.5), engine.TimeUntilNextCheck());
    }

    [Fact]
    public void Pets_fall_due_on_the_schedule_of_the_watchdog_timeout_and_restart_when_recorded()
    {
        HeartEngine engine = Engine();
        engine.SetWatchdogTimeout(TimeSpan.FromSeconds(30));

        _clock.Advance(TimeSpan.FromSeconds(19.9));
        Assert.Equal(HeartVerdict.Alive, engine.Check());
        Assert.Equal(TimeSpan.FromSeconds(0.1), engine.TimeUntilNextCheck());
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(HeartVerdict.PetDue, engine.Check());
        engine.RecordPet();
        Assert.Equal(HeartVerdict.Alive, engine.Check());
        Assert.Equal(TimeSpan.FromSeconds(20), engine.TimeUntilNextCheck());
    }

    [Fact]
    public void Until_the_device_tells_its_timeout_10_s_are_assumed()
    {
        HeartEngine engine = Engine();

        _clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(HeartVerdict.PetDue, engine.Check());
        Assert.Equal(TimeSpan.FromSeconds(10), engine.Snapshot().WatchdogTimeout);
    }

    [Fact]
    public void Without_a_watchdog_nothing_is_petted_and_the_wait_is_until_the_heartbeat_deadline()
    {
        HeartEngine engine = Engine(heartbeat: 60);
        engine.SetWatchdogTimeout(null);

        _clock.Advance(TimeSpan.FromSeconds(59));

        Assert.Equal(HeartVerdict.Alive, engine.Check());
        Assert.Equal(TimeSpan.FromSeconds(1), engine.TimeUntilNextCheck());
        Assert.Null(engine.Snapshot().WatchdogTimeout);
        Assert.Equal(TimeSpan.Zero, engine.Snapshot().WatchdogPetTimeLeft);
    }

    [Fact]
    public void After_petting_stops_no_pet_falls_due_but_the_heartbeat_still_times_out()
    {
        HeartEngine engine = Engine(heartbeat: 60);
        engine.SetWatchdogTimeout(TimeSpan.FromSeconds(10));

        engine.StopPetting();
        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.False(engine.IsPetting);
        Assert.Equal(HeartVerdict.Alive, engine.Check());
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HeartVerdict.HeartbeatTimedOut, engine.Check());
    }

    [Fact]
    public void A_timeout_wins_over_a_pet_that_is_due_at_the_same_time()
    {
        HeartEngine engine = Engine(heartbeat: 20);
        engine.SetWatchdogTimeout(TimeSpan.FromSeconds(40));

        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(HeartVerdict.HeartbeatTimedOut, engine.Check());
    }

    [Fact]
    public void The_init_handshake_must_come_within_its_timeout_beats_or_not()
    {
        HeartEngine engine = Engine(heartbeat: 11, initTimeout: 30);
        engine.SetWatchdogTimeout(null);

        for (int i = 0; i < 29; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            engine.Beat();
        }
        Assert.Equal(HeartVerdict.Alive, engine.Check());
        Assert.Equal(TimeSpan.FromSeconds(1), engine.TimeUntilNextCheck());
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HeartVerdict.InitHandshakeMissed, engine.Check());
    }

    [Fact]
    public void After_the_init_handshake_only_beats_matter()
    {
        HeartEngine engine = Engine(heartbeat: 11, initTimeout: 5);
        engine.SetWatchdogTimeout(null);

        engine.CompleteInitHandshake();
        _clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(HeartVerdict.Alive, engine.Check());
        Assert.True(engine.Snapshot().InitHandshakeHappened);
        Assert.Equal(TimeSpan.Zero, engine.Snapshot().InitHandshakeTimeLeft);
    }

    [Fact]
    public void The_grace_time_moves_the_first_deadline_and_an_early_beat_does_not_move_it_back()
    {
        HeartEngine engine = Engine(heartbeat: 11, grace: 100);
        engine.SetWatchdogTimeout(null);

        _clock.Advance(TimeSpan.FromSeconds(5));
        engine.Beat();
        HeartTimes times = engine.Snapshot();
        _clock.Advance(TimeSpan.FromSeconds(105.9));

        Assert.Equal(TimeSpan.FromSeconds(95), times.InitGraceTimeLeft);
        Assert.Equal(TimeSpan.FromSeconds(106), times.HeartbeatTimeLeft);
        Assert.Equal(HeartVerdict.Alive, engine.Check());
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(HeartVerdict.HeartbeatTimedOut, engine.Check());
    }

    [Fact]
    public void Snooze_holds_the_deadlines_off_for_15_minutes_and_counts_as_the_handshake()
    {
        HeartEngine engine = Engine(heartbeat: 11, initTimeout: 20);
        engine.SetWatchdogTimeout(null);

        _clock.Advance(TimeSpan.FromSeconds(10));
        engine.Snooze();
        HeartTimes times = engine.Snapshot();
        _clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(10.9));

        Assert.Equal(TimeSpan.FromMinutes(15), times.SnoozeTimeLeft);
        Assert.Equal(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(11), times.HeartbeatTimeLeft);
        Assert.True(times.InitHandshakeHappened);
        Assert.Equal(HeartVerdict.Alive, engine.Check());
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(HeartVerdict.HeartbeatTimedOut, engine.Check());
    }

    [Fact]
    public void The_snapshot_reports_times_left_never_negative()
    {
        HeartEngine engine = Engine(heartbeat: 11, initTimeout: 30, grace: 2);
        engine.SetWatchdogTimeout(TimeSpan.FromSeconds(60));

        _clock.Advance(TimeSpan.FromSeconds(1));
        HeartTimes early = engine.Snapshot();
        _clock.Advance(TimeSpan.FromSeconds(100));
        HeartTimes late = engine.Snapshot();

        Assert.Equal(TimeSpan.FromSeconds(11), early.HeartbeatTimeout);
        Assert.Equal(TimeSpan.FromSeconds(12), early.HeartbeatTimeLeft);
        Assert.Equal(TimeSpan.FromSeconds(1), early.InitGraceTimeLeft);
        Assert.Equal(TimeSpan.FromSeconds(49), early.WatchdogPetTimeLeft);
        Assert.Equal(TimeSpan.FromSeconds(29), early.InitHandshakeTimeLeft);
        Assert.Equal(TimeSpan.FromSeconds(30), early.InitHandshakeTimeout);
        Assert.False(early.InitHandshakeHappened);
        Assert.Equal(TimeSpan.Zero, late.HeartbeatTimeLeft);
        Assert.Equal(TimeSpan.Zero, late.InitGraceTimeLeft);
        Assert.Equal(TimeSpan.Zero, late.WatchdogPetTimeLeft);
        Assert.Equal(TimeSpan.Zero, late.InitHandshakeTimeLeft);
    }
}
