package br.com.rhp.hospital.staging;

/** The staging volume has less free space than {@code STAGING_MIN_FREE_BYTES}; nothing was written. */
public final class StagingFull extends NotStaged {

    private final long usableBytes;
    private final long minFreeBytes;

    StagingFull(long usableBytes, long minFreeBytes) {
        super(
                "staging volume has " + usableBytes + " bytes free, below the minimum of " + minFreeBytes
                        + " (STAGING_MIN_FREE_BYTES); the write was not staged",
                null);
        this.usableBytes = usableBytes;
        this.minFreeBytes = minFreeBytes;
    }

    public long usableBytes() {
        return usableBytes;
    }

    public long minFreeBytes() {
        return minFreeBytes;
    }
}
