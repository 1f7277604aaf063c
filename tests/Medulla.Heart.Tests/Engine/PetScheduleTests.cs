namespace Medulla.Heart.Tests.Engine;

public class PetScheduleTests
{
    [Theory]
    [InlineData(120, 110)]
    [InlineData(60, 50)]
    [InlineData(30, 20)]
    [InlineData(21, 11)]
    [InlineData(20, 10)]
    [InlineData(10, 5)]
    [InlineData(15, 7.5)]
    [InlineData(2, 1)]
    public void Pets_come_10_s_before_a_timeout_over_20_s_else_at_half_the_timeout(double timeout, double interval) =>
        Assert.Equal(TimeSpan.FromSeconds(interval), PetSchedule.IntervalFor(TimeSpan.FromSeconds(timeout)));

    [Fact]
    public void A_timeout_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PetSchedule.IntervalFor(TimeSpan.Zero));
}
