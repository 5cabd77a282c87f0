package br.com.rhp.hospital.database;

import java.time.Instant;

/** Published when the central database answers again after an outage (or after a start without it). */
public record DatabaseRecovered(Instant at) {}
