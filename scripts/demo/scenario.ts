// A realistic week (or `days`) of helpdesk traffic for EE, LV and SA, as wire events
// (CONTRACT §4) and absence requests (§7), ending at `now`. Pure: the caller
// passes the clock, the markets' schedules and a random source, so the same
// inputs give the same week.
//
// Per market, four sellers:
//   prompt     answers within minutes to two hours, sometimes closes the case
//   late       answers after the deadline (or not yet, if it has not come)
//   silent     never answers: breached, then taken over by the sweep
//   absent     (LV) answers promptly until a planned absence that starts
//              today: today's buyers are covered by the platform at once, and
//              yesterday's unanswered question is taken over at its start
//   automated  (SA) an automatic acknowledgement first (never an answer),
//              the real answer hours later
// Buyers write at any hour (deadlines count only working time); about one
// in six shares a phone number, some in Arabic-Indic digits; a few open
// disputes that take the case over; one waiver. EE's steady seller also
// registers a long absence at short notice (late_notice).
import { localDayOf, wallToInstant } from '../../src/calendar/index.js';

export interface DemoMarket {
  readonly code: string;
  readonly timeZone: string;
  readonly policy: { readonly replyWithinMinutes: number };
  readonly schedule: { due(start: number, minutes: number): number };
}

export type Persona = 'prompt' | 'late' | 'silent' | 'absent' | 'automated';

export interface WireEvent {
  id: string;
  type: 'message.created' | 'dispute.opened' | 'reply.waived' | 'case.closed';
  occurredAt: string;
  market: string;
  caseId: string;
  sellerId: string;
  buyerId: string;
  orderId: string;
  message?: { id: string; author: 'buyer' | 'seller'; body: string; automated: boolean };
  dispute?: { reason: string; note?: string };
}

export interface AbsenceRequest {
  readonly sellerId: string;
  readonly market: string;
  readonly from: string;
  readonly to: string;
  readonly note: string;
}

export interface Week {
  readonly events: WireEvent[];
  readonly absences: AbsenceRequest[];
  readonly sellers: { readonly sellerId: string; readonly market: string; readonly persona: Persona }[];
}

const MINUTE = 60_000;

interface Texts {
  readonly questions: readonly string[];
  readonly phones: readonly string[];
  readonly answers: readonly string[];
  readonly followUps: readonly string[];
  readonly thanks: string;
  readonly automatic: string;
  readonly dispute: string;
}

const TEXTS: Record<string, Texts> = {
  EE: {
    questions: [
      'Tere! Millal minu tellimus välja saadetakse?',
      'Tere, kas see toode on ka musta värviga saadaval?',
      'Pakk pole ikka veel kohale jõudnud, palun kontrollige.',
      'Kas saaksin toote tagastada? Suurus ei sobinud.',
      'Tere, arvel on vale aadress. Kas saate seda parandada?',
    ],
    phones: ['Helistage mulle palun: +372 5123 4567', 'Kirjutage WhatsAppi 5566 7788, nii on kiirem.'],
    answers: [
      'Tere! Tellimus läheb teele homme hommikul, jälgimiskoodi saadame e-kirjaga.',
      'Aitäh küsimuse eest! Jah, must värv on laos olemas.',
      'Vabandame viivituse pärast, kontrollisime: pakk on pakiautomaadis.',
      'Muidugi, tagastuse saate vormistada siin Helpdeskis 14 päeva jooksul.',
    ],
    followUps: ['Aitäh! Kas jälgimiskood on juba olemas?', 'Selge, aga kui kaua tagasimakse aega võtab?'],
    thanks: 'Aitäh, kõik sai selgeks!',
    automatic: 'Täname kirja eest! Vastame teile esimesel võimalusel.',
    dispute: 'Toode ei vasta kirjeldusele.',
  },
  LV: {
    questions: [
      'Labdien! Kad tiks nosūtīts mans pasūtījums?',
      'Sveiki, vai šī prece ir pieejama arī melnā krāsā?',
      'Paka joprojām nav atnākusi, lūdzu, pārbaudiet.',
      'Vai varu atgriezt preci? Izmērs neder.',
      'Labdien, rēķinā ir nepareiza adrese. Vai varat to izlabot?',
    ],
    phones: ['Lūdzu, piezvaniet man: +371 2612 3456', 'Rakstiet man uz WhatsApp 29 123 456, tā būs ātrāk.'],
    answers: [
      'Labdien! Pasūtījums tiks nosūtīts rīt no rīta, izsekošanas kodu atsūtīsim e-pastā.',
      'Paldies par jautājumu! Jā, melnā krāsa ir noliktavā.',
      'Atvainojamies par kavēšanos, pārbaudījām: paka ir pakomātā.',
      'Protams, atgriešanu varat noformēt šeit, Helpdesk sadaļā, 14 dienu laikā.',
    ],
    followUps: ['Paldies! Vai izsekošanas kods jau ir?', 'Skaidrs, bet cik ilgi jāgaida atmaksa?'],
    thanks: 'Paldies, viss skaidrs!',
    automatic: 'Paldies par ziņu! Atbildēsim pēc iespējas ātrāk.',
    dispute: 'Prece neatbilst aprakstam, tā ir bojāta.',
  },
  SA: {
    questions: [
      'السلام عليكم، متى سيتم شحن طلبي؟',
      'مرحبا، هل هذا المنتج متوفر باللون الأسود؟',
      'لم يصلني الطرد حتى الآن، أرجو التحقق.',
      'هل يمكنني إرجاع المنتج؟ المقاس غير مناسب.',
      'مرحبا، العنوان في الفاتورة خاطئ. هل يمكن تصحيحه؟',
    ],
    phones: ['تواصل معي على واتساب ٠٥٥١٢٣٤٥٦٧ من فضلك', 'اتصل بي على الرقم 0551234567 بخصوص الطلب'],
    answers: [
      'وعليكم السلام، سيتم شحن الطلب صباح الغد وسنرسل رقم التتبع.',
      'شكرا لسؤالك، نعم اللون الأسود متوفر في المخزون.',
      'نعتذر عن التأخير، تحققنا والطرد في نقطة الاستلام.',
      'بالتأكيد، يمكنك طلب الإرجاع هنا عبر مركز المساعدة خلال ١٤ يوما.',
    ],
    followUps: ['شكرا لك، هل رقم التتبع متوفر الآن؟', 'حسنا، كم يستغرق استرداد المبلغ؟'],
    thanks: 'شكرا جزيلا، وضحت الصورة.',
    automatic: 'شكرا لتواصلك معنا، سنرد عليك في أقرب وقت.',
    dispute: 'المنتج مقلد وليس أصليا.',
  },
};

const SELLERS: Record<string, readonly [string, Persona][]> = {
  EE: [['ee-kask', 'prompt'], ['ee-tamm', 'late'], ['ee-saar', 'silent'], ['ee-mets', 'prompt']],
  LV: [['lv-berzins', 'prompt'], ['lv-ozols', 'late'], ['lv-kalnins', 'silent'], ['lv-liepa', 'absent']],
  SA: [['sa-alharbi', 'prompt'], ['sa-alqahtani', 'late'], ['sa-alotaibi', 'silent'], ['sa-alzahrani', 'automated']],
};

/** Disputes opened in the week: market → [persona whose case it is, reason]. */
const DISPUTES: Record<string, readonly [Persona, string]> = { EE: ['late', 'listing_mismatch'], LV: ['late', 'quality'], SA: ['silent', 'counterfeit'] };

export const DEMO_MARKETS = Object.keys(SELLERS);
/** The seller whose own view the demo offers (its absence starts today). */
export const ABSENT_SELLER = { sellerId: 'lv-liepa', market: 'LV' } as const;

/** mulberry32: a small seeded generator, so a demo week can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const isoDate = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

export function demoWeek(markets: readonly DemoMarket[], now: number, random: () => number, runId: string, days = 7): Week {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const events: WireEvent[] = [];
  const absences: AbsenceRequest[] = [];
  const sellers: Week['sellers'][number][] = [];
  // Leave a minute between the last event and now: the service refuses events from the future.
  const latest = now - MINUTE;

  for (const market of markets) {
    const texts = TEXTS[market.code];
    const cast = SELLERS[market.code];
    if (!texts || !cast) continue;
    const zone = market.timeZone;
    const today = localDayOf(zone, now);
    const due = (t: number) => market.schedule.due(t, market.policy.replyWithinMinutes);
    let caseNo = 0;
    let buyerNo = 0;
    let waived = false;
    let disputed = false;

    for (const [sellerId, persona] of cast) {
      sellers.push({ sellerId, market: market.code, persona });
      for (let day = today - days + 1; day <= today; day++) {
        const count = 1 + (random() < 0.5 ? 1 : 0);
        for (let k = 0; k < count; k++) {
          // Buyers write from 08:00 to 22:00 local time, any day of the week.
          let ask = wallToInstant(zone, day, between(8 * 60, 22 * 60 - 1));
          const absentToday = persona === 'absent' && day === today;
          if (absentToday && k === 0) ask = Math.max(wallToInstant(zone, today, 1), latest - 20 * MINUTE); // at least one buyer inside the absence
          if (ask > latest) continue;
          caseNo++;
          buyerNo++;
          const caseId = `${market.code}-${runId}-${String(caseNo).padStart(3, '0')}`;
          const base = { market: market.code, caseId, sellerId, buyerId: `${market.code.toLowerCase()}-buyer-${buyerNo}`, orderId: `order-${runId}-${market.code}-${caseNo}` };
          let n = 0;
          const add = (at: number, e: Partial<WireEvent> & Pick<WireEvent, 'type'>) => {
            if (at > latest) return false;
            n++;
            events.push({ id: `${caseId}-e${n}`, occurredAt: new Date(at).toISOString(), ...base, ...e });
            return true;
          };
          const say = (at: number, author: 'buyer' | 'seller', body: string, automated = false) =>
            add(at, { type: 'message.created', message: { id: `${caseId}-m${n + 1}`, author, body, automated } });

          const question = random() < 0.17 ? pick(texts.phones) : pick(texts.questions);
          say(ask, 'buyer', question);
          const deadline = due(ask);

          if (!disputed && persona === DISPUTES[market.code]![0] && day <= today - 2) {
            disputed = true;
            add(ask + between(60, 240) * MINUTE, { type: 'dispute.opened', dispute: { reason: DISPUTES[market.code]![1], note: texts.dispute } });
            continue;
          }

          switch (persona) {
            case 'prompt':
            case 'absent': {
              // Yesterday's last question of the absent seller waits for an answer when the absence starts.
              if (persona === 'absent' && day >= today - 1) break;
              const answer = ask + between(20, 150) * MINUTE;
              if (!say(answer, 'seller', pick(texts.answers))) break;
              const r = random();
              if (!waived && r < 0.12) {
                waived = true;
                const thanks = answer + between(10, 60) * MINUTE;
                if (say(thanks, 'buyer', texts.thanks)) add(thanks + 5 * MINUTE, { type: 'reply.waived' });
              } else if (r < 0.4) {
                const again = answer + between(60, 180) * MINUTE;
                if (say(again, 'buyer', pick(texts.followUps))) say(again + between(15, 90) * MINUTE, 'seller', pick(texts.answers));
              } else if (r < 0.7) {
                add(answer + between(30, 120) * MINUTE, { type: 'case.closed' });
              }
              break;
            }
            case 'late':
              say(deadline + between(60, 600) * MINUTE, 'seller', pick(texts.answers));
              break;
            case 'automated':
              say(ask + MINUTE, 'seller', texts.automatic, true);
              say(ask + between(180, 900) * MINUTE, 'seller', pick(texts.answers));
              break;
            case 'silent':
              break;
          }
        }
      }
    }

    if (market.code === ABSENT_SELLER.market) {
      absences.push({ sellerId: ABSENT_SELLER.sellerId, market: market.code, from: isoDate(today), to: isoDate(today + 2), note: 'Family event: the platform answers my buyers meanwhile' });
    }
    if (market.code === 'EE') {
      // Eight working days or so, announced five days ahead: registered, but late notice (POLICIES D).
      absences.push({ sellerId: 'ee-mets', market: market.code, from: isoDate(today + 5), to: isoDate(today + 16), note: 'Summer holiday' });
    }
  }
  events.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  return { events, absences, sellers };
}
