// E-mail addresses and links (POLICIES A, C; E: phishing arrives as links).
import t from 'tap';
import { findContactDetails, type ContactMatchType } from '../../../src/domain/checks/index.js';

const of = (type: ContactMatchType, body: string, country?: string) =>
  findContactDetails(body, { country }).filter((m) => m.type === type).map((m) => m.text);

const EMAILS: [string, string, string][] = [
  ['a plain address is written', 'Sūtiet rēķinu uz janis.berzins@inbox.lv', 'janis.berzins@inbox.lv'],
  ['"at" and "dot" are spelled out in English', 'john dot miller at gmail dot com', 'john dot miller at gmail dot com'],
  ['"(at)" is in brackets', 'ahmad(at)outlook.com راسلني', 'ahmad(at)outlook.com'],
  ['"[at]" and "[dot]" are in square brackets with spaces', 'mohammed [at] yahoo [dot] com', 'mohammed [at] yahoo [dot] com'],
  ['Arabic words stand for @ and .', 'ايميلي ahmed ات gmail نقطة com', 'ahmed ات gmail نقطة com'],
  ['Arabic آت and دوت are used', 'sara.k آت hotmail دوت com', 'sara.k آت hotmail دوت com'],
  ['Estonian "ät" and "punkt" are used', 'mart punkt tamm ät gmail punkt com', 'mart punkt tamm ät gmail punkt com'],
  ['Polish "małpa" and "kropka" are used', 'k.nowak małpa wp kropka pl', 'k.nowak małpa wp kropka pl'],
  ['Russian "собака" and "точка" are used', 'ivan.petrov собака mail точка ru', 'ivan.petrov собака mail точка ru'],
  ['"(at)" and "(dot)" both in brackets', 'info(at)kodupood(dot)ee', 'info(at)kodupood(dot)ee'],
  ['"@" and "." have spaces around them', 'name @ gmail . com', 'name @ gmail . com'],
  ['only "@" has a space before it', 'janis.b @gmail.com', 'janis.b @gmail.com'],
  ['a provider is named without its TLD after "(at)"', 'janis (at) gmail', 'janis (at) gmail'],
  ['a provider without its TLD follows an e-mail word', 'mans e-pasts: janis at gmail', 'janis at gmail'],
  ['an address-like local part is "at" a provider without its TLD', 'ivan.petrov at yandex', 'ivan.petrov at yandex'],
  ['Russian "собака" comes before a provider without its TLD', 'почта ivan собака yandex', 'ivan собака yandex'],
  ['the local part has Latvian letters', 'Rakstiet uz jānis.bērziņš@inbox.lv', 'jānis.bērziņš@inbox.lv'],
  ['the local part starts with a Latvian letter after ASCII ones', 'jānis@pasts.lv', 'jānis@pasts.lv'],
  ['the address is Cyrillic under .рф', 'Пишите на имя@почта.рф, отвечу быстрее', 'имя@почта.рф'],
  ['the host has a German umlaut', 'Send the invoice to user@bücher.de please', 'user@bücher.de'],
  ['a Cyrillic word is glued before a Latin address', 'почтаivan@mail.ru', 'ivan@mail.ru'],
  ['a Cyrillic word is glued after a Latin address', 'ivan@mail.ruпиши', 'ivan@mail.ru'],
  ['Russian "собака" and "точка ру" spell the whole address', 'пиши ivan собака mail точка ру', 'ivan собака mail точка ру'],
  ['a user name is "at" a provider with no e-mail word near', 'write to janis at gmail', 'janis at gmail'],
  ['a user name is "at" a provider before a comma', 'you can reach ilze at inbox, thanks', 'ilze at inbox'],
  ['a user name is "at" a provider before "lūdzu"', 'Raksti uz liga at inbox lūdzu', 'liga at inbox'],
  ['Russian "собака" stands between a user name and a provider', 'пиши ivan собака yandex, там отвечу', 'ivan собака yandex'],
  ['a user name ending like an English verb form is "at" a provider', 'راسلني ahmed at gmail', 'ahmed at gmail'],
  ['the provider and "دوت كوم" are in Arabic letters', 'راسلني على sara.k ات جيميل دوت كوم', 'sara.k ات جيميل دوت كوم'],
  ['a Latin provider is followed by "دوت كوم"', 'ايميلي ahmed ات gmail دوت كوم', 'ahmed ات gmail دوت كوم'],
  ['an address-like user name is "on" ("على") the Gmail', 'ايميلي ahmed85 على الجيميل', 'ahmed85 على الجيميل'],
  ['a user name of letters is "on" Hotmail after "أيميلي"', 'أيميلي nora على الهوتميل', 'nora على الهوتميل'],
  ['no at-word stands before an Arabic provider with "دوت كوم"', 'ايميلي ahmed85 جيميل دوت كوم', 'ahmed85 جيميل دوت كوم'],
  ['the user name follows the provider', 'راسلني على الجيميل nora.designs', 'الجيميل nora.designs'],
  ['the user name follows "my Gmail:"', 'جيميلي: reem.art', 'جيميلي: reem.art'],
];
for (const [when, body, text] of EMAILS) {
  t.test(`when ${when}, then it is an email match`, async (t) => t.same(of('email', body), [text]));
}

const URLS: [string, string, string][] = [
  ['a link has https', 'Full specs: https://www.nordicparts.ee/p/4412.', 'https://www.nordicparts.ee/p/4412'],
  ['a link starts with www', 'Mūsu e-veikals www.majaspreces.lv, tur ir lētāk.', 'www.majaspreces.lv'],
  ['a bare domain has a market TLD', 'Skatiet majaspreces.lv, tur lētāk', 'majaspreces.lv'],
  ['a WhatsApp click-to-chat link is shared', 'wa.me/966551112233 اضغط هنا', 'wa.me/966551112233'],
  ['a Telegram link is shared', 'join our group t.me/balticdeals', 't.me/balticdeals'],
  ['a WhatsApp group invite is shared', 'https://chat.whatsapp.com/Kx7Lm2Qp9Rt', 'https://chat.whatsapp.com/Kx7Lm2Qp9Rt'],
  ['a viber:// link is shared', 'viber://chat?number=%2B37126123456', 'viber://chat?number=%2B37126123456'],
  ['a Signal link is shared', 'signal.me/#p/+37255512345', 'signal.me/#p/+37255512345'],
  ['a link is in brackets', '(see www.shop.ee/sale)', 'www.shop.ee/sale'],
  ['"dot" is spelled out before the TLD', 'visit majaspreces dot lv for more', 'majaspreces dot lv'],
  ['Latvian "punkts" is spelled out', 'Skatiet majaspreces punkts lv', 'majaspreces punkts lv'],
  ['"(dot)" is in brackets', 'mysite (dot) com', 'mysite (dot) com'],
  ['Russian "точка" is spelled out', 'сайт shop точка lv', 'shop точка lv'],
  ['a shop TLD stands alone', 'visit myshop.online for deals', 'myshop.online'],
  ['a .store domain has no path', 'Pērciet pigu.store', 'pigu.store'],
  ['an IDN domain has Latvian letters', 'Skaties pērc.lv, tur lētāk', 'pērc.lv'],
  ['a Cyrillic domain is under .рф', 'заходи на магазин.рф!', 'магазин.рф'],
  ['an Estonian IDN domain has a path', 'müük.ee/pakkumised', 'müük.ee/pakkumised'],
  ['a domain follows a greeting and a comma', 'Sveiki, skaties shop.lv', 'shop.lv'],
  ['a capitalised domain starts a sentence', 'Pigu.lt turi lētāk, paskatykite', 'Pigu.lt'],
  ['a greeting-like domain has a path', 'Sveiki.es/jums', 'Sveiki.es/jums'],
  ['Russian "точка ру" spells ".ru"', 'заходи на ozon точка ру, там дешевле', 'ozon точка ру'],
  ['Arabic "دوت كوم" spells ".com"', 'متجري ahmedstore دوت كوم فيه كل المنتجات', 'ahmedstore دوت كوم'],
  ['Russian "точка ком" spells ".com"', 'Мой магазин myshop точка ком', 'myshop точка ком'],
  ['a greeting-like domain is the subject of "is"', 'Hello.lv is my shop', 'Hello.lv'],
  ['a greeting-like Estonian domain is the subject of "on"', 'Tere.ee on minu e-pood', 'Tere.ee'],
  ['a greeting-like IDN domain is the subject of "ir"', 'Labrīt.lv ir mans veikals', 'Labrīt.lv'],
];
for (const [when, body, text] of URLS) {
  t.test(`when ${when}, then it is a url match`, async (t) => t.same(of('url', body), [text]));
}

const NEITHER: [string, string][] = [
  ['a file name is mentioned', 'The file.txt you sent is empty, and design_final.pdf too.'],
  ['a firmware version is mentioned', 'Please check version 2.4.1 of the firmware.'],
  ['a sentence misses the space after a full stop', 'I will be home.At six the courier can come.'],
  ['"at" and "dot" are ordinary words', 'I\'ll be at home, the dress has a polka dot pattern.'],
  ['an Arabic sentence uses the word نقطة', 'النقطة المهمة هي التسليم في الموعد'],
  ['a decimal number has a dot', 'Ekrāns ir 6.1 collas, svars 0.2 kg.'],
  ['a handle-like word has no TLD', 'Order @home delivery please'],
  ['a Latvian abbreviation looks like a domain', 'Cena t.sk. PVN 21%'],
  ['a missing space makes "thanks.me"', 'thanks.me and my wife loved it'],
  ['"dot com" names an era', 'Back in the dot com boom this shop was a startup'],
  ['"polka dot" is followed by "by"', 'I want the polka dot by Zara, size M'],
  ['a missing space makes "online.shop"', 'I bought it online.shop was slow to answer'],
  ['a missing space glues a word with diacritics to "es"', 'Vakar saņēmu.es gribu atgriezt'],
  ['a missing space glues "Ačiū" to the next sentence', 'Ačiū.lt labai patiko'],
  ['someone works at a mail provider', 'My brother works at Yahoo, he says the parcel is late.'],
  ['a folder is "at gmail"', 'Please check the spam folder at gmail, the invoice went there.'],
  ['a person is "at" a provider without an e-mail word', 'I asked Janis at Outlook support, no answer'],
  ['a sloppy full stop has spaces around it', 'I am at work . No answer from the courier'],
  ['a missing space glues a Latvian greeting to "es" ("I")', 'Sveiki.es jums nosūtīju preci vakar'],
  ['a missing space glues "Paldies" to the next sentence', 'Paldies.lv ... preci saņēmu'],
  ['a missing space after a greeting in the middle of a message', 'Labdien! Sveiki.es jums rakstu par pasūtījumu'],
  ['"@" joins Cyrillic words whose last one is no TLD', 'Отправил 2шт@склад.Завтра заберу'],
  ['"@" joins Latvian words whose last one is no TLD', 'Mūsu cena@veikalā.šodien ir zemāka'],
  ['a Latin shop name is followed by "точка" and a word that is no TLD', 'В Ozon точка выдачи закрыта, заберу завтра'],
  ['a Cyrillic word comes before "точка ру"', 'Это магазин точка ру, просто шутка'],
  ['"me" is "at" a provider\'s office', 'meet me at gmail office tomorrow'],
  ['"look at" a provider', 'look at gmail, the invoice is there'],
  ['a friend is "at" a provider', 'my friend at gmail says the invoice is spam'],
  ['a user-name-like word is "at" a provider\'s support', 'ask janis at outlook support, they know'],
  ['a verb form is "at" a provider', 'I registered at yandex yesterday, no mail yet'],
  ['a user-name-like word is "at" a provider followed by a verb', 'the janis at gmail works fine'],
  ['Estonian "et" ("that") comes before a provider', 'Ma arvan et gmail ei tööta täna'],
  ['a capitalised word starts a sentence before "at" a provider', 'Deals at yandex!'],
  ['a missing space glues a greeting to Estonian "se on" ("it is")', 'Tere.se on katki, palun vahetage'],
  ['a missing space glues a greeting to Latvian "jo ir" ("because there is")', 'Sveiki.jo ir problēma ar preci'],
  ['a greeting is glued to a TLD and a word that is no copula', 'Hello.lv guys, is the parcel sent?'],
  ['a code is "on" ("على") the Gmail', 'وصلني الكود 4432 على الجيميل'],
  ['a file type is "on" the Gmail', 'ارسلت الفاتورة PDF على الجيميل'],
  ['a file name follows the Gmail', 'ارسلت لك على الجيميل design_final.pdf'],
  ['a version follows the Gmail', 'فتحت الجيميل v2 ولا شيء'],
  ['a word comes between the Gmail and a user-name-like token', 'ابحث في الجيميل عن order123'],
  ['Arabic "دوت كوم" follows an Arabic word', 'شركات الدوت كوم انهارت في ٢٠٠٠'],
  ['a capitalised company is "on" the Gmail', 'سجلت بحساب Google على الجيميل'],
];
for (const [when, body] of NEITHER) {
  t.test(`when ${when}, then there is no email or url match`, async (t) => {
    t.same(of('email', body), []);
    t.same(of('url', body), []);
  });
}
