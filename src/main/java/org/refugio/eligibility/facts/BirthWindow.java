package org.refugio.eligibility.facts;

import java.time.LocalDate;
import java.time.Period;

/**
 * The dates on which a person may have been born: one day when the date of birth is known, a year when only
 * an age on some date is known. Every age question is answered from it, and answered with null when the
 * window straddles the threshold (G-03: an estimate never turns into a "no").
 */
public record BirthWindow(LocalDate earliest, LocalDate latest) {

    public static BirthWindow born(LocalDate dateOfBirth) {
        return new BirthWindow(dateOfBirth, dateOfBirth);
    }

    /** A person who is {@code age} whole years old on {@code on}. */
    public static BirthWindow aged(int age, LocalDate on) {
        return new BirthWindow(on.minusYears(age + 1L).plusDays(1), on.minusYears(age));
    }

    /** The window from whichever is known, or null. */
    public static BirthWindow of(LocalDate dateOfBirth, Integer age, LocalDate ageOn) {
        if (dateOfBirth != null) {
            return born(dateOfBirth);
        }
        return age == null ? null : aged(age, ageOn);
    }

    public boolean exact() {
        return earliest.equals(latest);
    }

    public int minAgeOn(LocalDate date) {
        return years(latest, date);
    }

    public int maxAgeOn(LocalDate date) {
        return years(earliest, date);
    }

    /** Under {@code years} on {@code date}: true, false, or null when the window cannot tell. */
    public Boolean under(int years, LocalDate date) {
        if (date == null) {
            return null;
        }
        if (maxAgeOn(date) < years) {
            return true;
        }
        if (minAgeOn(date) >= years) {
            return false;
        }
        return null;
    }

    /** The birthday on which the person turns {@code years}: exact, or the earliest it can be. */
    public LocalDate birthday(int years) {
        return earliest.plusYears(years);
    }

    /** The latest date the birthday can be. */
    public LocalDate latestBirthday(int years) {
        return latest.plusYears(years);
    }

    private static int years(LocalDate born, LocalDate on) {
        return on.isBefore(born) ? -1 : Period.between(born, on).getYears();
    }

    /** Null-safe: under {@code years} on {@code date} for a possibly unknown window. */
    public static Boolean under(BirthWindow window, int years, LocalDate date) {
        return window == null ? null : window.under(years, date);
    }
}
