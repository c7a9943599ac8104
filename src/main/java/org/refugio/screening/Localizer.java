package org.refugio.screening;

import java.util.List;
import java.util.function.Consumer;

import org.refugio.api.model.CriterionResult;
import org.refugio.api.model.DerivativeClassResult;
import org.refugio.api.model.DerivativeResult;
import org.refugio.api.model.LegalAidReferral;
import org.refugio.api.model.LocalizedText;
import org.refugio.api.model.ProgramResult;
import org.refugio.api.model.ScreeningDecision;

/**
 * Sets the {@code text} of every explanation to the language the client asked for. The stored decision keeps
 * both languages; only this view of it changes.
 */
public final class Localizer {

    private Localizer() {
    }

    public static ScreeningDecision localize(ScreeningDecision decision, Language language) {
        Consumer<LocalizedText> choose = t -> {
            if (t != null) {
                t.setText(language == Language.ES ? t.getEs() : t.getEn());
            }
        };
        decision.setLanguage(ScreeningDecision.LanguageEnum.fromValue(language.tag()));
        for (ProgramResult p : each(decision.getPrograms())) {
            criteria(p.getCriteria(), choose);
            each(p.getFollowUps()).forEach(f -> choose.accept(f.getQuestion()));
            each(p.getDeadlines()).forEach(d -> choose.accept(d.getDescription()));
            each(p.getNotes()).forEach(n -> choose.accept(n.getText()));
        }
        for (DerivativeResult d : each(decision.getDerivatives())) {
            criteria(d.getCriteria(), choose);
            for (DerivativeClassResult c : each(d.getClassesConsidered())) {
                criteria(c.getCriteria(), choose);
            }
            each(d.getFollowUps()).forEach(f -> choose.accept(f.getQuestion()));
            each(d.getDeadlines()).forEach(dl -> choose.accept(dl.getDescription()));
            each(d.getNotes()).forEach(n -> choose.accept(n.getText()));
        }
        LegalAidReferral referral = decision.getLegalAidReferral();
        if (referral != null) {
            choose.accept(referral.getExplanation());
            each(referral.getMatterReferrals()).forEach(m -> choose.accept(m.getExplanation()));
            each(referral.getFollowUps()).forEach(f -> choose.accept(f.getQuestion()));
            each(referral.getNotes()).forEach(n -> choose.accept(n.getText()));
        }
        each(decision.getTasks()).forEach(n -> choose.accept(n.getText()));
        return decision;
    }

    /** The decision with every text in {@code language} only: {@code en} and {@code es} left out (lang=). */
    public static ScreeningDecision oneLanguage(ScreeningDecision decision, Language language) {
        localize(decision, language);
        Consumer<LocalizedText> strip = t -> {
            if (t != null) {
                t.setEn(null);
                t.setEs(null);
            }
        };
        for (ProgramResult p : each(decision.getPrograms())) {
            criteria(p.getCriteria(), strip);
            each(p.getFollowUps()).forEach(f -> strip.accept(f.getQuestion()));
            each(p.getDeadlines()).forEach(d -> strip.accept(d.getDescription()));
            each(p.getNotes()).forEach(n -> strip.accept(n.getText()));
        }
        for (DerivativeResult d : each(decision.getDerivatives())) {
            criteria(d.getCriteria(), strip);
            for (DerivativeClassResult c : each(d.getClassesConsidered())) {
                criteria(c.getCriteria(), strip);
            }
            each(d.getFollowUps()).forEach(f -> strip.accept(f.getQuestion()));
            each(d.getDeadlines()).forEach(dl -> strip.accept(dl.getDescription()));
            each(d.getNotes()).forEach(n -> strip.accept(n.getText()));
        }
        LegalAidReferral referral = decision.getLegalAidReferral();
        if (referral != null) {
            strip.accept(referral.getExplanation());
            each(referral.getMatterReferrals()).forEach(m -> strip.accept(m.getExplanation()));
            each(referral.getFollowUps()).forEach(f -> strip.accept(f.getQuestion()));
            each(referral.getNotes()).forEach(n -> strip.accept(n.getText()));
        }
        each(decision.getTasks()).forEach(n -> strip.accept(n.getText()));
        return decision;
    }

    private static void criteria(List<CriterionResult> criteria, Consumer<LocalizedText> choose) {
        each(criteria).forEach(c -> choose.accept(c.getExplanation()));
    }

    private static <T> List<T> each(List<T> list) {
        return list == null ? List.of() : list;
    }
}
