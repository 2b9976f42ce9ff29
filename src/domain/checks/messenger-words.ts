// Messenger names and invitation phrases in the markets' languages
// (constant tables for messenger.ts).

const S = '\\p{L}*'; // inflection: WhatsAppis, Telegramā, Viberze, вотсапе

/** Names that are unambiguous: "WhatsApp", "واتساب", "вайбер". */
export const CLEAR = [
  // slang and phonetic spellings: whatsap, wapp, vatsap (lv), ватсап/вотсап (ru)
  `whats\\s?app${S}`, `whatsap${S}`, `wats\\s?app${S}`, `watsap${S}`, `wapp${S}`, `vatsap${S}`, `telegram${S}`, `viber${S}`, `skype${S}`, `instagram${S}`, `facebook${S}`,
  `snapchat${S}`, 'wechat', 'threema', 'botim', `вотсап${S}`, `ватсап${S}`, `вацап${S}`, `воцап${S}`, `телеграм${S}`, 'телег[аиуе]',
  `вайбер${S}`, `вибер${S}`, `скайп${S}`, `инстаграм${S}`, `фейсбук${S}`,
];
/** Names that are also ordinary words ("no signal", "messenger bag", "snap"): need a clear invitation. */
export const AMBIGUOUS = [`signal${S}`, `сигнал${S}`, `messenger${S}`, `мессенджер${S}`, 'insta', 'ig', 'fb', 'snap', 'тг', 'инст[ау]'];

/**
 * Abbreviations that are mostly something else ("WA" is a US state, "tg" a
 * word in chat): a messenger only right next to a phone number or @handle,
 * "WA +371 2…", "tg: @name", "+966 5… (WA)".
 */
export const ABBREVIATION = /(?<![\p{L}\p{N}_@])(?:wa|tg)(?![\p{L}\p{N}_])/giu;

const ARABIC = [
  'واتساب', 'واتس اب', 'واتس آب', 'واتسآب', 'واتس', 'وتس', 'وتساب', 'وتس اب', 'تلغرام', 'تلجرام', 'تليجرام', 'تيليجرام', 'تيليغرام', 'تليغرام',
  'تلقرام', 'تيليقرام', 'فايبر', 'سكايب', 'سيجنال', 'سغنال', 'انستا', 'انستقرام', 'انستغرام', 'انستجرام', 'إنستقرام', 'إنستغرام',
  'فيسبوك', 'فيس بوك', 'سناب شات', 'سناب', 'ماسنجر', 'ايمو',
];

const B = '(?<![\\p{L}\\p{N}_@])';
const E = '(?![\\p{L}\\p{N}_])';
export const CLEAR_NAME = new RegExp(`${B}(?:${CLEAR.join('|')})${E}`, 'giu');
export const AMBIGUOUS_NAME = new RegExp(`${B}(?:${AMBIGUOUS.join('|')})${E}`, 'giu');
// Arabic: optional glued prefixes (و ف ب ل ع, ال) and possessive suffixes (ي ك كم نا)
export const ARABIC_NAME = new RegExp(`(?<![\\p{L}])(?:[وفبلع]?(?:ال)?)(?:${ARABIC.join('|')})(?:ي|ك|كم|نا)?(?![\\p{L}])`, 'gu');

/** Invitations to write, add, contact or move elsewhere. */
const INVITE = [
  // en
  '(?:write|message|msg|text|contact|reach|add|ping|dm|pm|chat|talk|follow|join|send|hit|find)\\s+(?:me|us)', 'let\'?s\\s+(?:continue|move|talk|chat|switch|go|speak|communicate|keep)',
  '(?:do|does|have)\\s+you\\s+(?:have|use|got)', '(?:your|ur)\\s+(?:number|contact)', 'reachable', 'available\\s+on', 'find\\s+me', 'contact\\s+(?:via|through|on)', 'message\\s+me', 'me\\s+on',
  // et
  'kirjuta(?:ge|me)?', 'otsi(?:ge)?\\s+mind', 'võta(?:ke)?\\s+(?:minuga\\s+)?ühendust', 'lisa(?:ge)?\\s+mind', 'saada(?:ge)?\\s+(?:mulle\\s+)?sõnum', 'kas\\s+(?:sul|teil)', 'suhtleme',
  // lv
  '(?:uz)?raksti(?:et)?', 'rakstām', 'meklē(?:jiet)?\\s+mani', 'sazinie(?:ties|mies)', 'sazināmies', 'sazinies', 'pievieno(?:jiet)?\\s+mani', 'atsūti(?:et)?', 'vai\\s+(?:tev|jums)\\s+ir',
  // lt
  'ieškok(?:ite|it)?\\s+manęs', 'parašyk(?:ite|it)?', 'rašyk(?:ite|it)?', 'susisiek(?:ite|it|ime)?', 'pridėk(?:ite|it)?\\s+mane', 'ar\\s+(?:turi|turite)',
  // pl
  'szukaj(?:cie)?\\s+mnie', 'znajdź\\s+mnie', 'napisz(?:cie)?', 'pisz(?:cie)?', 'dodaj(?:cie)?\\s+mnie', 'odezwij\\s+się', 'zapraszam\\s+do\\s+kontaktu', 'kontaktujmy', 'czy\\s+(?:masz|macie|ma\\s+pan|ma\\s+pani)',
  // ru
  'ищи(?:те)?', 'найди(?:те)?', 'напиши(?:те)?', 'пиши(?:те)?', 'черкни(?:те)?', 'скинь(?:те)?', 'добавь(?:те)?', 'свяжи(?:тесь|сь)', 'давай(?:те)?\\s+(?:продолжим|перейд[её]м|общаться|спишемся)', 'есть\\s+(?:ли\\s+)?(?:у\\s+(?:вас|тебя)\\s+)?', 'стучи(?:те)?', 'спишемся',
  // ar
  'تواصل', 'نتواصل', 'تتواصل', 'تواصلي', '[تي]?كلمني', 'كلمنى', 'اكلمك', 'أكلمك', 'نكلمك', 'نتكلم', 'نكمل', 'كمل', 'نتراسل', 'تراسلني', 'حاكيني', 'دزلي', 'راسلني', 'راسلنى', 'ابعتلي', 'ابعثلي', 'ابعث', 'ابعت',
  'ارسل', 'أرسل', 'ارسلي', 'ضيفني', 'اضفني', 'أضفني', 'تضيفني', 'عطني', 'اعطني', 'عندك', 'لديك', 'خاطبني', 'كلمنا', 'راسلنا', 'حسابك', 'رقمك', 'ممكن', 'تلقاني', 'تلاقيني', 'ابحث',
];
/** Calls count as an invitation only for unambiguous names ("call me on WhatsApp", not "no signal, call me"). */
const CALL = [
  'call\\s+(?:me|us)', 'ring\\s+(?:me|us)', 'helista(?:ge)?', '(?:pie)?zvani(?:et)?', 'paskambink(?:ite|it)?', 'skambink(?:ite|it)?', 'zadzwoń', 'dzwoń', 'позвони(?:те)?', 'звони(?:те)?',
  'اتصل', 'اتصلي',
];
export const INVITATION = new RegExp(`(?<![\\p{L}])(?:${INVITE.join('|')})(?![\\p{L}])`, 'giu');
export const CALL_INVITATION = new RegExp(`(?<![\\p{L}])(?:${CALL.join('|')})(?![\\p{L}])`, 'giu');
/** "whatsapp me", "viber me" */
export const NAME_AS_VERB = /^\s+(?:me|us)(?![\p{L}])/iu;

/** A negation just before an invitation cancels it: "don't write me on WhatsApp". */
export const NEGATION = /(?:don'?t|do\s+not|never|not|no\s+need\s+to|ära|ärge|ei|nie|не|لا|ما|مش|بلاش|ممنوع|بدون)\s+(?:\S+\s+){0,2}$/iu;
/** "write to me here" invites to the helpdesk itself. */
export const HERE = /^\s*(?:\S+\s+){0,2}(?:here|šeit|siia|siin|čia|tutaj|tu|здесь|сюда|тут|هنا|هون)(?![\p{L}])/iu;

/**
 * An answer that refuses: "Do you have WhatsApp? Sorry, we only communicate
 * here." (a seller quoting the buyer's question is not inviting). Either a
 * refusal word opens it, or it says "only here / only on the platform"; a
 * bare "sorry" does not refuse ("sorry to bother you").
 */
export const REFUSAL_START = /^\s*(?:unfortunately|diemžēl|kahjuks|deja|niestety|к\s+сожалению|للأسف|عذرا|(?:no|nē|ei|ne|nie|нет|لا)(?=[\s,.!]))/iu;
export const ONLY_HERE =
  /(?<![\p{L}])(?:only|tikai|ainult|tik|tylko|только|فقط)\s+(?:\p{L}+\s+){0,3}?(?:here|šeit|siin|čia|tutaj|здесь|тут|هنا|through|via|caur|platform\p{L}*|platvorm\p{L}*|платформ\p{L}*|المنصة|عبر)(?![\p{L}])/iu;

/** A handle: "@shop_seller"; "username shopseller"; "skype: mark.trader". */
export const AT_HANDLE = /(?<![\p{L}\p{N}._%+-])@[A-Za-z0-9_][A-Za-z0-9_.]{2,31}/gu;
export const LABELLED_HANDLE =
  /(?<![\p{L}\p{N}])(?:username|user\s?name|nick(?:name)?|handle|id|ник\p{L}{0,2}|никнейм\p{L}{0,2}|логин\p{L}{0,2}|kasutajanimi|lietotājvārds|vardas|nazwa|login|profil|اليوزر|يوزر|المعرف|معرف)(?![\p{L}\p{N}])\s*[:\-]?\s*@?([A-Za-z0-9_.]*[A-Za-z][A-Za-z0-9_.]*)/iu;
/** "my Telegram: janis": a possessive before the name introduces a plain user name after a colon. */
export const POSSESSIVE = /(?<![\p{L}])(?:my|mans|mana|minu|mu|mano|mój|moj|мой|моя|mein|mio|mi)\s+$/iu;
/** A one-word answer after "my Telegram:" is not a user name. */
export const ANSWER_WORD = /^(?:yes|no|none|same|jā|nē|jah|ei|taip|ne|tak|nie|да|нет)$/iu;
/**
 * "telegram: janis", "Telegram - janis", "Telegram: Janis": a plain user name alone after a
 * colon or a spaced dash, with no "@" and no possessive before the name. Only a word of 5 to 32
 * Latin letters (Telegram's user names have at least 5), lower case or capitalised (not
 * "iPhone", "SMS"; a capitalised one only where the name is a label, messenger.ts), that ends
 * its clause ("telegram: janis, write there"): "telegram: no, we only talk here" has a short
 * word, "telegram: not allowed" more words, and ANSWER_OR_WORD lists the longer single words
 * that answer or describe ("telegram: later", "whatsapp: blocked", "facebook: marketplace",
 * "Skype: Microsoft", "Telegram: English"). Names of 3 or 4 letters ("Telegram: Ivan") are
 * SHORT_NAME's, with stricter rules.
 */
export const PLAIN_HANDLE = /^(?:\s*[:：]\s*|\s+[-–—]\s*|[-–—]\s+)([A-Za-z][a-z]{4,31})(?=\s*(?:$|[\n.,;!?)…])|\s+[^\p{L}\p{N}\s])/u;
export const ANSWER_OR_WORD: ReadonlySet<string> = new Set([
  // answers and adverbs
  'later', 'maybe', 'never', 'nothing', 'nobody', 'sorry', 'please', 'thanks', 'thank', 'today', 'tomorrow', 'tonight', 'always', 'sometimes',
  'there', 'where', 'whatever', 'nevermind', 'exactly', 'absolutely', 'definitely', 'obviously', 'unfortunately', 'correct', 'right', 'wrong',
  'mostly', 'usually', 'rarely', 'really', 'daily', 'weekly', 'certainly', 'likely', 'unlikely', 'hardly', 'seldom', 'often',
  'agreed', 'sure', 'indeed', 'perhaps', 'neither', 'either', 'again', 'above', 'below', 'first', 'second', 'third', 'other', 'others', 'another',
  // states
  'allowed', 'forbidden', 'prohibited', 'blocked', 'banned', 'disabled', 'enabled', 'deleted', 'removed', 'closed', 'restricted', 'limited',
  'unavailable', 'available', 'offline', 'online', 'active', 'inactive', 'pending', 'hacked', 'broken', 'working', 'missing', 'private', 'public',
  'unknown', 'same', 'different', 'ready', 'useless', 'required', 'optional', 'verified', 'unverified', 'installed', 'updated',
  'works', 'check', 'checked', 'great', 'perfect', 'awesome', 'excellent', 'noted', 'understood', 'alright',
  // the apps' own parts and products
  'marketplace', 'messenger', 'premium', 'business', 'stories', 'story', 'reels', 'groups', 'group', 'channel', 'channels', 'chats', 'desktop',
  'settings', 'account', 'accounts', 'notifications', 'update', 'version', 'support', 'status', 'privacy', 'security', 'contacts', 'number',
  'video', 'voice', 'calls', 'photos', 'message', 'messages', 'link', 'links', 'profile', 'username', 'handle', 'login', 'password',
  'android', 'iphone', 'apple', 'google', 'microsoft', 'windows', 'linux', 'samsung', 'huawei', 'xiaomi', 'english', 'russian',
  'latvian', 'estonian', 'lithuanian', 'polish', 'arabic', 'german', 'finnish', 'ukrainian', 'french', 'spanish',
  'weekends', 'weekdays', 'evenings', 'mornings', 'anytime', 'anywhere', 'everywhere', 'everyone', 'simple', 'secure', 'privacy', 'encrypted',
  // the markets' languages in Latin letters: "later", "only", "never", "unfortunately", "missing",
  // "I don't know / have / use", "not available", "I am not", "I cannot", "I don't want"
  'hiljem', 'ainult', 'kunagi', 'tikai', 'nekad', 'tylko', 'potem', 'nigdy', 'niestety', 'kahjuks', 'puudub', 'nezinu', 'nezinau', 'nemam',
  'nelietoju', 'neizmantoju', 'neturiu', 'nenaudoju', 'nesinaudoju', 'nepieejams', 'neturu', 'neesmu', 'nevaru', 'negribu', 'nemaju', 'neturim',
  // "forbidden", "available", "inactive"
  'aizliegts', 'aizliegta', 'keelatud', 'pieejams', 'saadaval', 'zakazane', 'zakazany', 'niedostepny', 'nieaktywny', 'neaktivs',
]);
/**
 * "Telegram: Ivan", "WhatsApp - Anna": a capitalised word of 3 or 4 Latin letters after a colon or
 * a spaced dash, then at most a full stop or "!" before the end of the line (messenger.ts checks the
 * line's end and where the name stands). Shorter than a Telegram user name, it is a person's name
 * when it is a label's whole value, and SHORT_WORDS lists the short words that are not names.
 */
export const SHORT_NAME = /^(?:\s*[:：]\s*|[ \t]+[-–—][ \t]*|[-–—][ \t]+)([A-Z][a-z]{2,3})(?![\p{L}\p{N}_@\-]|\.[\p{L}\p{N}])[ \t]*[.!]?[ \t]*/u;
/** Short words that follow "Telegram:" as an answer, a state or a part of the app, not as a name ("Telegram: Fast.", "WhatsApp: Down"). */
export const SHORT_WORDS: ReadonlySet<string> = new Set([
  // answers, adverbs, pronouns, function words
  'yes', 'yep', 'yup', 'yeah', 'yea', 'aye', 'nope', 'nah', 'naw', 'okay', 'sure', 'fine', 'not', 'nor', 'none', 'nil', 'nada', 'zero', 'null',
  'void', 'and', 'but', 'the', 'this', 'that', 'then', 'than', 'thus', 'also', 'only', 'just', 'even', 'ever', 'very', 'too', 'much', 'many', 'more',
  'most', 'less', 'some', 'any', 'all', 'both', 'each', 'few', 'lots', 'such', 'same', 'else', 'soon', 'now', 'here', 'next', 'last', 'once', 'ago',
  'yet', 'away', 'back', 'why', 'how', 'what', 'who', 'whom', 'when', 'you', 'your', 'mine', 'ours', 'him', 'her', 'hers', 'his', 'its', 'they',
  'them', 'our', 'one', 'two', 'six', 'ten', 'via', 'per', 'etc', 'asap', 'tbd', 'tba', 'tbc', 'idk', 'lol', 'omg', 'wow', 'hmm', 'meh', 'ugh',
  'oops', 'bye', 'hey', 'hiya', 'thx', 'pls', 'plz', 'well', 'like', 'love', 'hate', 'want', 'need', 'must', 'may', 'can', 'will',
  // states and qualities
  'good', 'bad', 'best', 'nice', 'cool', 'fast', 'slow', 'easy', 'hard', 'safe', 'free', 'paid', 'busy', 'idle', 'down', 'dead', 'gone', 'lost',
  'off', 'out', 'new', 'old', 'used', 'open', 'shut', 'full', 'live', 'late', 'done', 'sent', 'seen', 'read', 'fail', 'lame', 'weak', 'poor', 'big',
  'huge', 'tiny', 'long', 'low', 'high', 'top', 'main', 'real', 'true', 'fake', 'spam', 'scam', 'junk', 'ugly', 'fun', 'odd', 'sad', 'mad', 'glad',
  'okey', 'dumb', 'mute', 'left', 'home', 'work',
  // verbs
  'ask', 'add', 'use', 'try', 'see', 'saw', 'get', 'got', 'give', 'gave', 'goes', 'went', 'come', 'came', 'make', 'made', 'take', 'took', 'keep',
  'kept', 'know', 'knew', 'said', 'says', 'tell', 'told', 'wait', 'stop', 'quit', 'join', 'send', 'call', 'ping', 'text', 'chat', 'talk', 'pass',
  'skip', 'has', 'had', 'have', 'did', 'does', 'was', 'were', 'been', 'are', 'let', 'lets', 'pay', 'buy', 'sell', 'sold',
  // the apps' parts, products and days
  'app', 'apps', 'web', 'link', 'bot', 'bots', 'info', 'news', 'help', 'shop', 'page', 'post', 'reel', 'feed', 'file', 'pic', 'pics', 'gif', 'data',
  'sms', 'mms', 'cost', 'fee', 'fees', 'plus', 'pro', 'lite', 'mini', 'beta', 'demo', 'test', 'mac', 'ios', 'ipad', 'wifi', 'vpn', 'code', 'pin',
  'team', 'deal', 'sale', 'ads', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'june', 'july', 'aug', 'sept', 'oct', 'nov', 'dec', 'eng', 'rus',
  'est', 'lat', 'ltu',
  // the markets' languages in Latin letters: "yes", "no", "none", "only", "already", "here", "there", "good", "fast"
  'jah', 'jaa', 'jep', 'pole', 'ikka', 'veel', 'siin', 'seal', 'hea', 'halb', 'nii', 'nav', 'jau', 'vel', 'ari', 'labi', 'tik', 'nez', 'taip',
  'nera', 'gal', 'cia', 'tak', 'nie', 'brak', 'nic', 'juz', 'tam', 'mam', 'zle', 'net', 'niet', 'nyet', 'tut', 'aga', 'naam', 'aiwa', 'mafi', 'bas',
  'mish', 'msh',
]);
export const COLON_HANDLE = /^\s*[:：]\s*@?((?=[A-Za-z0-9_.\-]{0,31}[A-Za-z])[A-Za-z0-9_][A-Za-z0-9_.\-]{2,31})(?![A-Za-z0-9_.\-])/u;
